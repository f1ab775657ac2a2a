/**
 * TLS and SASL settings. Secrets are only ever checked for presence: no message quotes a
 * password, a token or a key, and resolve() masks the password in every line as a last resort.
 */
import { resolve } from "node:path";
import type { Checker } from "./checker.ts";
import { readProblem } from "./read-problem.ts";
import type { Sources } from "./sources.ts";
import type { SaslSettings, SecuritySettings } from "./types.ts";
import { textValue } from "../common/values.ts";
import { saslMechanismValue } from "./values.ts";

export interface SecurityInput {
  src: Sources;
  check: Checker;
  warnings: string[];
  readFile: (path: string) => string;
  cwd?: string;
}

export function resolveSecurity(input: SecurityInput): SecuritySettings {
  const security: SecuritySettings = {};
  const ssl = resolveSsl(input);
  if (ssl) security.ssl = ssl;
  const sasl = resolveSasl(input, ssl !== undefined);
  if (sasl) security.sasl = sasl;
  return security;
}

function resolveSasl(input: SecurityInput, tls: boolean): SaslSettings | undefined {
  const { src, check, warnings } = input;
  // raw(): given at all (an empty flag is reported once, by get/present); the rest: valid values.
  const mechanismRaw = src.raw("saslMechanism");
  const mechanism = src.get("saslMechanism", saslMechanismValue);
  const usernameRaw = src.raw("saslUsername");
  const username = src.get("saslUsername", textValue(255));
  const passwordRaw = src.raw("saslPassword");
  const password = src.present("saslPassword");
  const tokenFileRaw = src.raw("saslOauthTokenFile");
  const tokenFile = src.get("saslOauthTokenFile", textValue(4096));
  const tokenCommandRaw = src.raw("saslOauthTokenCommand");
  const tokenCommand = src.get("saslOauthTokenCommand", textValue(4096));
  if (!mechanismRaw && !usernameRaw && !passwordRaw && !tokenFileRaw && !tokenCommandRaw) return undefined;

  if (mechanism === "oauthbearer" || (!mechanismRaw && (tokenFileRaw || tokenCommandRaw))) {
    if (!mechanismRaw) check.reject("--sasl-mechanism", "required with an OAuth token: --sasl-mechanism oauthbearer");
    if (usernameRaw || passwordRaw)
      check.reject(
        usernameRaw?.where ?? passwordRaw!.where,
        "is not used by oauthbearer (it takes --sasl-oauth-token-file or --sasl-oauth-token-command)",
      );
    if (tokenFileRaw && tokenCommandRaw)
      check.reject(
        tokenCommandRaw.where,
        "give either --sasl-oauth-token-file or --sasl-oauth-token-command, not both",
      );
    if (!tokenFileRaw && !tokenCommandRaw)
      check.reject("--sasl-oauth-token-file", "required for oauthbearer (or --sasl-oauth-token-command)");
    if (!tls) warnings.push("SASL oauthbearer without --ssl sends the token in clear text");
    if (tokenFileRaw && tokenFile !== undefined) {
      const file = readableFile(input, tokenFileRaw.where, tokenFile);
      return file === undefined ? undefined : { mechanism: "oauthbearer", token: { file } };
    }
    return tokenCommand === undefined ? undefined : { mechanism: "oauthbearer", token: { command: tokenCommand } };
  }

  if (tokenFileRaw || tokenCommandRaw)
    check.reject((tokenFileRaw ?? tokenCommandRaw)!.where, "only applies to --sasl-mechanism oauthbearer");
  if (!mechanismRaw)
    check.reject(
      "--sasl-mechanism",
      "required when a SASL username or password is given (plain, scram-sha-256 or scram-sha-512)",
    );
  if (!usernameRaw) check.reject("--sasl-username", "required for SASL authentication");
  if (!passwordRaw) check.reject("--sasl-password", "required for SASL authentication (set SURGE_SASL_PASSWORD)");
  if (passwordRaw?.fromFlag) {
    warnings.push(
      "--sasl-password is visible in the process list and shell history; prefer the SURGE_SASL_PASSWORD environment variable",
    );
  }
  if (mechanism === "plain" && !tls) warnings.push("SASL plain without --ssl sends the password in clear text");
  if (mechanism && username !== undefined && password) return { mechanism, username, password: password.raw };
  return undefined;
}

function resolveSsl(input: SecurityInput): SecuritySettings["ssl"] {
  const { src, check, warnings } = input;
  const on = src.bool("ssl");
  const insecure = src.bool("sslInsecure");
  const caRaw = src.raw("sslCa");
  const caFile = src.get("sslCa", textValue(4096));
  const certRaw = src.raw("sslCert");
  const certFile = src.get("sslCert", textValue(4096));
  const keyRaw = src.raw("sslKey");
  const keyFile = src.get("sslKey", textValue(4096));
  // --ssl-ca, --ssl-cert/--ssl-key and --ssl-insecure only make sense with TLS, so they switch it
  // on unless --no-ssl says otherwise.
  if (on === false) {
    if (caRaw || insecure || certRaw || keyRaw)
      warnings.push("TLS is off (--no-ssl), so --ssl-ca, --ssl-cert, --ssl-key and --ssl-insecure are ignored");
    return undefined;
  }
  if (!on && !caRaw && !insecure && !certRaw && !keyRaw) return undefined;

  const ssl: NonNullable<SecuritySettings["ssl"]> = { rejectUnauthorized: insecure !== true };
  if (caRaw && caFile !== undefined) {
    const path = readableFile(input, caRaw.where, caFile);
    if (path !== undefined) ssl.caFile = path;
  }
  if (certRaw && !keyRaw)
    check.reject("--ssl-key", "required with --ssl-cert (the client certificate's private key, PEM)");
  if (keyRaw && !certRaw) check.reject("--ssl-cert", "required with --ssl-key (the client certificate, PEM)");
  if (certRaw && certFile !== undefined && keyRaw && keyFile !== undefined) {
    const cert = readableFile(input, certRaw.where, certFile);
    const key = readableFile(input, keyRaw.where, keyFile);
    if (cert !== undefined && key !== undefined) Object.assign(ssl, { certFile: cert, keyFile: key });
  }
  if (insecure) warnings.push("--ssl-insecure: broker certificates are not verified");
  return ssl;
}

/** The absolute path when the file can be read now (fail early, with a clear line), else undefined. */
function readableFile({ check, readFile, cwd }: SecurityInput, where: string, file: string): string | undefined {
  const path = cwd === undefined ? file : resolve(cwd, file);
  try {
    readFile(path);
    return path;
  } catch (error) {
    check.reject(where, `cannot read ${JSON.stringify(file)}: ${readProblem(error)}`);
    return undefined;
  }
}
