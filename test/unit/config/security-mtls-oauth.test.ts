import assert from "node:assert/strict";
import { test } from "node:test";
import { resolveSettings, type ResolveInput, type ResolveResult } from "../../../src/config/resolve.ts";
import { resolveVerifySettings } from "../../../src/verify/settings.ts";

const BUILTINS = { lab: "model: lab\ndevices: 5\ntopics: {data: sensor-data}\n" };
const READABLE = new Set(["/srv/ca.pem", "/srv/client.pem", "/srv/client.key", "/srv/token.jwt"]);

function resolve(over: Partial<ResolveInput>): ResolveResult {
  const readFile = (path: string): string => {
    if (READABLE.has(path)) return "x";
    throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
  };
  return resolveSettings({
    flags: {},
    env: {},
    builtins: BUILTINS,
    readFile,
    isTTY: false,
    randomSeed: () => 1,
    cwd: "/srv",
    ...over,
  });
}

const errorsOf = (r: ResolveResult): string[] =>
  "errors" in r ? r.errors : assert.fail(`expected errors, got ${JSON.stringify(r)}`);

test("--ssl-cert and --ssl-key give a client certificate (mutual TLS) and switch TLS on", () => {
  const r = resolve({ flags: { sslCert: "client.pem", sslKey: "client.key", sslCa: "ca.pem" } });
  assert.ok("settings" in r);
  assert.deepEqual(r.settings.security, {
    ssl: { rejectUnauthorized: true, caFile: "/srv/ca.pem", certFile: "/srv/client.pem", keyFile: "/srv/client.key" },
  });
});

test("one of --ssl-cert/--ssl-key without the other, or unreadable, is refused with the flag's name", () => {
  assert.deepEqual(errorsOf(resolve({ flags: { sslCert: "client.pem" } })), [
    "--ssl-key: required with --ssl-cert (the client certificate's private key, PEM)",
  ]);
  assert.deepEqual(errorsOf(resolve({ env: { SURGE_SSL_KEY: "client.key" } })), [
    "--ssl-cert: required with --ssl-key (the client certificate, PEM)",
  ]);
  assert.deepEqual(errorsOf(resolve({ flags: { sslCert: "client.pem", sslKey: "nope.key" } })), [
    '--ssl-key: cannot read "nope.key": no such file',
  ]);
});

test("oauthbearer with a token file or a token command", () => {
  const file = resolve({ flags: { saslMechanism: "oauthbearer", saslOauthTokenFile: "token.jwt", ssl: true } });
  assert.ok("settings" in file);
  assert.deepEqual(file.settings.security.sasl, { mechanism: "oauthbearer", token: { file: "/srv/token.jwt" } });
  assert.deepEqual(file.warnings, []);
  const command = resolve({
    env: { SURGE_SASL_MECHANISM: "OAUTHBEARER", SURGE_SASL_OAUTH_TOKEN_COMMAND: "get-token --audience kafka" },
  });
  assert.ok("settings" in command);
  assert.deepEqual(command.settings.security.sasl, {
    mechanism: "oauthbearer",
    token: { command: "get-token --audience kafka" },
  });
  assert.deepEqual(command.warnings, ["SASL oauthbearer without --ssl sends the token in clear text"]);
});

test("oauthbearer settings that do not fit are refused, each with its flag", () => {
  assert.deepEqual(errorsOf(resolve({ flags: { saslMechanism: "oauthbearer" } })), [
    "--sasl-oauth-token-file: required for oauthbearer (or --sasl-oauth-token-command)",
  ]);
  assert.deepEqual(errorsOf(resolve({ flags: { saslOauthTokenFile: "token.jwt" } })), [
    "--sasl-mechanism: required with an OAuth token: --sasl-mechanism oauthbearer",
  ]);
  assert.deepEqual(
    errorsOf(
      resolve({ flags: { saslMechanism: "oauthbearer", saslOauthTokenFile: "token.jwt", saslOauthTokenCommand: "x" } }),
    ),
    ["--sasl-oauth-token-command: give either --sasl-oauth-token-file or --sasl-oauth-token-command, not both"],
  );
  assert.deepEqual(errorsOf(resolve({ flags: { saslMechanism: "oauthbearer", saslOauthTokenFile: "gone.jwt" } })), [
    '--sasl-oauth-token-file: cannot read "gone.jwt": no such file',
  ]);
  assert.deepEqual(
    errorsOf(resolve({ flags: { saslMechanism: "oauthbearer", saslOauthTokenFile: "token.jwt", saslUsername: "u" } })),
    ["--sasl-username: is not used by oauthbearer (it takes --sasl-oauth-token-file or --sasl-oauth-token-command)"],
  );
  assert.deepEqual(
    errorsOf(
      resolve({
        flags: { saslMechanism: "plain", saslUsername: "u", saslPassword: "pw12", saslOauthTokenFile: "token.jwt" },
      }),
    ),
    ["--sasl-oauth-token-file: only applies to --sasl-mechanism oauthbearer"],
  );
});

test("surge verify takes the same mTLS and OAuth flags", () => {
  const r = resolveVerifySettings({
    flags: {
      sslCert: "client.pem",
      sslKey: "client.key",
      saslMechanism: "oauthbearer",
      saslOauthTokenFile: "token.jwt",
    },
    env: {},
    cwd: "/srv",
    readFile: (p) => (READABLE.has(p) ? "x" : assert.fail(p)),
  });
  assert.ok("settings" in r);
  assert.deepEqual(r.settings.security, {
    ssl: { rejectUnauthorized: true, certFile: "/srv/client.pem", keyFile: "/srv/client.key" },
    sasl: { mechanism: "oauthbearer", token: { file: "/srv/token.jwt" } },
  });
});
