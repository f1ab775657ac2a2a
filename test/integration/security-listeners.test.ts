/**
 * Every security setting against a real listener of the local broker (scripts/kafka/up.sh makes
 * them: SSL, mutual TLS, SASL_SSL, OAUTHBEARER): the compiled binary produces and `surge verify`
 * reads the run back over the same listener with the same flags. The throwaway password and the
 * token never appear in any output, also when authentication fails.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { ensureListeners, type Listeners } from "../helpers/broker.ts";
import { runSurge, uniquePrefix, type SurgeResult } from "../helpers/surge.ts";

let l: Listeners;
let token: string;
before(async () => {
  l = await ensureListeners();
  token = (await readFile(l.OAUTH_TOKEN_FILE, "utf8")).trim();
});

const STACK = /\n\s+at /;
const settings = (): Record<string, { args: string[]; env?: NodeJS.ProcessEnv }> => ({
  SSL: { args: ["--brokers", l.SSL, "--ssl-ca", l.CA_FILE] },
  MTLS: {
    args: [
      "--brokers",
      l.MTLS,
      "--ssl-ca",
      l.CA_FILE,
      "--ssl-cert",
      l.CLIENT_CERT_FILE,
      "--ssl-key",
      l.CLIENT_KEY_FILE,
    ],
  },
  SASL_SSL: {
    args: [
      "--brokers",
      l.SASL_SSL,
      "--ssl-ca",
      l.CA_FILE,
      "--sasl-mechanism",
      "scram-sha-256",
      "--sasl-username",
      l.SASL_USERNAME,
    ],
    env: { SURGE_SASL_PASSWORD: l.SASL_PASSWORD },
  },
  OAUTHBEARER: {
    args: [
      "--brokers",
      l.OAUTHBEARER,
      "--sasl-mechanism",
      "oauthbearer",
      "--sasl-oauth-token-file",
      l.OAUTH_TOKEN_FILE,
    ],
  },
  "OAUTHBEARER (token command)": {
    args: [
      "--brokers",
      l.OAUTHBEARER,
      "--sasl-mechanism",
      "oauthbearer",
      "--sasl-oauth-token-command",
      `cat '${l.OAUTH_TOKEN_FILE}'`,
    ],
  },
});

function assertNoSecrets(r: SurgeResult, ...files: string[]): void {
  for (const [what, secret] of [
    ["the SASL password", l.SASL_PASSWORD],
    ["the OAuth token", token],
  ] as const) {
    assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), `${what} is in the output`);
    for (const file of files) assert.ok(!file.includes(secret), `${what} is in a file surge wrote`);
  }
}

for (const name of ["SSL", "MTLS", "SASL_SSL", "OAUTHBEARER", "OAUTHBEARER (token command)"]) {
  test(
    `${name}: a run is acked in full and surge verify reads it back over the same listener`,
    { timeout: 180_000 },
    async () => {
      const { args, env } = settings()[name]!;
      const prefix = uniquePrefix(`sec-${name.split(" ")[0]!.toLowerCase()}`);
      const truth = `${prefix}truth`;
      // SURGE_DEBUG=1: the debug output must keep the secrets out too.
      const opts = { env: { ...process.env, ...env, SURGE_DEBUG: "1" } };
      const summaryPath = join(tmpdir(), `${prefix}summary.json`);
      const run = await runSurge(
        [
          ...args,
          "--scenario",
          "industrial",
          "--count",
          "2000",
          "--rate",
          "1000",
          "--no-tui",
          "--topic-prefix",
          prefix,
          "--anomalies-topic",
          truth,
          "--summary-json",
          summaryPath,
        ],
        opts,
      );
      assertNoSecrets(run, await readFile(summaryPath, "utf8"));
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /generated [\d,]+ {2}acked [\d,]+ {2}failed 0 {2}unsent 0/);
      const verify = await runSurge(["verify", ...args, "--anomalies-topic", truth, "--timeout", "2m"], opts);
      assertNoSecrets(verify);
      assert.equal(verify.code, 0, `${verify.stdout}\n${verify.stderr}`);
      assert.match(verify.stdout, /OK: nothing was lost or duplicated/);
    },
  );
}

test("mutual TLS without a client certificate fails in one clear line", { timeout: 120_000 }, async () => {
  const r = await runSurge([
    "--brokers",
    l.MTLS,
    "--ssl-ca",
    l.CA_FILE,
    "--count",
    "10",
    "--no-tui",
    "--connect-timeout",
    "2s",
  ]);
  assert.equal(r.code, 1, r.stderr);
  assert.doesNotMatch(r.stderr, STACK);
  assert.match(r.stderr, /surge: .*cannot connect to Kafka at 127\.0\.0\.1:\d+/);
});

test(
  "a distinctive wrong password and a bad token fail clearly and are never shown",
  { timeout: 120_000 },
  async () => {
    const password = "Wr0ng-Platypus-Passw0rd-7c1e";
    const wrong = await runSurge(
      [
        "--brokers",
        l.SASL_SSL,
        "--ssl-ca",
        l.CA_FILE,
        "--sasl-mechanism",
        "plain",
        "--sasl-username",
        l.SASL_USERNAME,
        "--count",
        "10",
        "--no-tui",
      ],
      { env: { ...process.env, SURGE_SASL_PASSWORD: password, SURGE_DEBUG: "1" } },
    );
    assert.equal(wrong.code, 1, wrong.stderr);
    assert.match(wrong.stderr, /authentication to Kafka at .* failed/);
    for (const out of [wrong.stdout, wrong.stderr])
      assert.ok(!out.includes(password), "the wrong password is in the output");

    const badToken = "eyJhbGciOiJub25lIn0.eyJub3RoaW5nIjoiTnVtYmF0LTQ0In0.";
    const oauth = await runSurge(
      [
        "--brokers",
        l.OAUTHBEARER,
        "--sasl-mechanism",
        "oauthbearer",
        "--sasl-oauth-token-command",
        `echo ${badToken}`,
        "--count",
        "10",
        "--no-tui",
        "--connect-timeout",
        "3s",
      ],
      { env: { ...process.env, SURGE_DEBUG: "1" } },
    );
    assert.equal(oauth.code, 1, oauth.stderr);
    assert.doesNotMatch(oauth.stderr, STACK);
    // The run's line, like verify's, says the broker probably refused the token (kafkajs reports no refusal).
    assert.match(oauth.stderr, /it refused the OAuth token: check the token from --sasl-oauth-token-command/);
    for (const out of [oauth.stdout, oauth.stderr]) assert.ok(!out.includes(badToken), "the token is in the output");
    const verify = await runSurge([
      "verify",
      "--brokers",
      l.OAUTHBEARER,
      "--sasl-mechanism",
      "oauthbearer",
      "--sasl-oauth-token-command",
      `echo ${badToken}; echo ${badToken} >&2; exit 4`,
      "--connect-timeout",
      "2s",
    ]);
    assert.equal(verify.code, 1, verify.stderr);
    assert.match(verify.stderr, /it refused the OAuth token: check the token from --sasl-oauth-token-command/);
    for (const out of [verify.stdout, verify.stderr])
      assert.ok(!out.includes(badToken), "the token is in verify's output");
  },
);
