/**
 * TLS and SASL settings. The password is only ever checked for presence: no message quotes it,
 * and resolve() masks it in every line as a last resort.
 */
import { resolve } from "node:path";
import type { Checker } from "./checker.ts";
import { readProblem } from "./read-problem.ts";
import type { Sources } from "./sources.ts";
import type { SecuritySettings } from "./types.ts";
import { saslMechanismValue, textValue } from "./values.ts";

export interface SecurityInput {
  src: Sources;
  check: Checker;
  warnings: string[];
  readFile: (path: string) => string;
  cwd?: string;
}

export function resolveSecurity({ src, check, warnings, readFile, cwd }: SecurityInput): SecuritySettings {
  const security: SecuritySettings = {};
  const ssl = resolveSsl({ src, check, warnings, readFile, cwd });
  if (ssl) security.ssl = ssl;

  // raw(): given at all (an empty flag is reported once, by get/present); the rest: valid values.
  const mechanismRaw = src.raw("saslMechanism");
  const mechanism = src.get("saslMechanism", saslMechanismValue);
  const usernameRaw = src.raw("saslUsername");
  const username = src.get("saslUsername", textValue(255));
  const passwordRaw = src.raw("saslPassword");
  const password = src.present("saslPassword");
  if (!mechanismRaw && !usernameRaw && !passwordRaw) return security;

  if (!mechanismRaw) check.reject("--sasl-mechanism", "required when a SASL username or password is given (plain, scram-sha-256 or scram-sha-512)");
  if (!usernameRaw) check.reject("--sasl-username", "required for SASL authentication");
  if (!passwordRaw) check.reject("--sasl-password", "required for SASL authentication (set SURGE_SASL_PASSWORD)");
  if (passwordRaw?.fromFlag) {
    warnings.push("--sasl-password is visible in the process list and shell history; prefer the SURGE_SASL_PASSWORD environment variable");
  }
  if (mechanism === "plain" && !ssl) warnings.push("SASL plain without --ssl sends the password in clear text");
  if (mechanism && username !== undefined && password) security.sasl = { mechanism, username, password: password.raw };
  return security;
}

function resolveSsl({ src, check, warnings, readFile, cwd }: SecurityInput): SecuritySettings["ssl"] {
  const on = src.bool("ssl");
  const insecure = src.bool("sslInsecure");
  const caRaw = src.raw("sslCa");
  const caFile = src.get("sslCa", textValue(4096));
  // --ssl-ca and --ssl-insecure only make sense with TLS, so they switch it on unless --no-ssl says otherwise.
  if (on === false) {
    if (caRaw || insecure) warnings.push("TLS is off (--no-ssl), so --ssl-ca and --ssl-insecure are ignored");
    return undefined;
  }
  if (!on && !caRaw && !insecure) return undefined;

  const ssl: NonNullable<SecuritySettings["ssl"]> = { rejectUnauthorized: insecure !== true };
  if (caRaw && caFile !== undefined) {
    const path = cwd === undefined ? caFile : resolve(cwd, caFile);
    try {
      readFile(path); // fail now, with a clear line, rather than at connect time
      ssl.caFile = path;
    } catch (error) {
      check.reject(caRaw.where, `cannot read ${JSON.stringify(caFile)}: ${readProblem(error)}`);
    }
  }
  if (insecure) warnings.push("--ssl-insecure: broker certificates are not verified");
  return ssl;
}
