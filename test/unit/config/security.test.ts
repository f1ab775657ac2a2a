import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCli } from "../../../src/cli/flags.ts";
import { resolveSettings, type ResolveInput, type ResolveResult } from "../../../src/config/resolve.ts";

const SECRET = "Hunter2-s3cret";
const BUILTINS = { lab: "model: lab\ndevices: 5\ntopics: {data: sensor-data}\n" };

function resolve(over: Partial<ResolveInput>): ResolveResult {
  const readFile = (path: string): string => {
    if (path.endsWith("ca.pem")) return "-----BEGIN CERTIFICATE-----";
    throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
  };
  return resolveSettings({
    flags: {},
    env: {},
    builtins: BUILTINS,
    readFile,
    isTTY: false,
    randomSeed: () => 1,
    ...over,
  });
}

/** Every line the user could ever see from this result. */
function allLines(result: ResolveResult): string[] {
  return "errors" in result
    ? result.errors
    : [...result.warnings, JSON.stringify({ ...result.settings, security: "(omitted)" })];
}

test("SASL settings from flags and env; the password from env gives no warning", () => {
  const result = resolve({
    flags: { saslMechanism: "scram-sha-512", saslUsername: "loadtest", ssl: true },
    env: { SURGE_SASL_PASSWORD: SECRET },
  });
  assert.ok("settings" in result);
  if ("settings" in result) {
    assert.deepEqual(result.settings.security, {
      ssl: { rejectUnauthorized: true },
      sasl: { mechanism: "scram-sha-512", username: "loadtest", password: SECRET },
    });
    assert.deepEqual(result.warnings, []);
  }
});

test("a password on the command line works but warns, without quoting it", () => {
  const result = resolve({ flags: { saslMechanism: "plain", saslUsername: "u", saslPassword: SECRET } });
  assert.ok("settings" in result);
  if ("settings" in result) {
    assert.deepEqual(result.settings.security.sasl, { mechanism: "plain", username: "u", password: SECRET });
    assert.deepEqual(result.warnings, [
      "--sasl-password is visible in the process list and shell history; prefer the SURGE_SASL_PASSWORD environment variable",
      "SASL plain without --ssl sends the password in clear text",
    ]);
  }
});

test("the SASL password never appears in an error, even when the flags around it are wrong", () => {
  const cases: Array<Partial<ResolveInput>> = [
    { flags: { saslMechanism: "bogus", saslPassword: SECRET } },
    { flags: { saslMechanism: SECRET, saslPassword: SECRET } },
    { flags: { saslUsername: SECRET, saslPassword: SECRET } },
    { flags: { saslPassword: SECRET, rate: SECRET, brokers: SECRET, scenario: SECRET } },
    { env: { SURGE_SASL_PASSWORD: SECRET, SURGE_SASL_MECHANISM: SECRET, SURGE_RATE: SECRET } },
    { flags: { saslPassword: SECRET, sslCa: `${SECRET}.pem` } },
  ];
  for (const over of cases) {
    const result = resolve(over);
    assert.ok("errors" in result, JSON.stringify(over.flags));
    for (const line of allLines(result)) assert.ok(!line.includes(SECRET), `leaked in: ${line}`);
  }
});

test("incomplete SASL settings list what is missing", () => {
  const result = resolve({ flags: { saslUsername: "u" } });
  assert.deepEqual("errors" in result && result.errors, [
    "--sasl-mechanism: required when a SASL username or password is given (plain, scram-sha-256 or scram-sha-512)",
    "--sasl-password: required for SASL authentication (set SURGE_SASL_PASSWORD)",
  ]);
});

test("--ssl-ca and --ssl-insecure switch TLS on; the CA file must be readable", () => {
  const ok = resolve({ flags: { sslCa: "certs/ca.pem" }, cwd: "/srv" });
  assert.deepEqual("settings" in ok && ok.settings.security, {
    ssl: { caFile: "/srv/certs/ca.pem", rejectUnauthorized: true },
  });
  const insecure = resolve({ env: { SURGE_SSL_INSECURE: "true" } });
  assert.deepEqual("settings" in insecure && insecure.settings.security, { ssl: { rejectUnauthorized: false } });
  assert.deepEqual("settings" in insecure && insecure.warnings, [
    "--ssl-insecure: broker certificates are not verified",
  ]);
  const missing = resolve({ flags: { sslCa: "nope.crt" } });
  assert.deepEqual("errors" in missing && missing.errors, ['--ssl-ca: cannot read "nope.crt": no such file']);
});

test("parseCli never echoes the password, whatever surrounds it", () => {
  const argvs = [
    ["--sasl-password", SECRET, "--rate", "--devices", "5"],
    ["--sasl-password", SECRET, "--sasl-password", SECRET],
    ["--sasl-password", SECRET, "--bogus"],
    ["--sasl-password", SECRET, "run", "extra", SECRET],
    ["--sasl-password", `-${SECRET}`, "--nope"],
    ["--sasl-password", `--${SECRET}`, "--nope"],
    [`--sasl-pasword=${SECRET}`],
    [`--sasl-password:${SECRET}`],
    ["--no-tui=true", `--sasl-password=${SECRET}`, SECRET],
  ];
  for (const argv of argvs) {
    const result = parseCli(argv);
    assert.ok("errors" in result, argv.join(" "));
    if ("errors" in result) for (const line of result.errors) assert.ok(!line.includes(SECRET), `leaked in: ${line}`);
  }
});

test("a password starting with dashes is still taken as the password", () => {
  assert.deepEqual(parseCli(["--sasl-password", "-x1", "--sasl-username", "u"]), {
    command: "run",
    flags: { saslPassword: "-x1", saslUsername: "u" },
    positionals: [],
  });
  assert.deepEqual(parseCli(["--sasl-password", "--x1"]), {
    command: "run",
    flags: { saslPassword: "--x1" },
    positionals: [],
  });
  assert.deepEqual(parseCli(["--sasl-password", "--rate", "5"]), { errors: ["--sasl-password: needs a value"] });
});

test("empty SASL / TLS flags are reported once each", () => {
  const result = resolve({ flags: { saslMechanism: "", saslUsername: "u", saslPassword: "", sslCa: "" } });
  assert.deepEqual("errors" in result && result.errors, [
    "--ssl-ca: needs a value",
    "--sasl-mechanism: needs a value",
    "--sasl-password: needs a value",
  ]);
});
