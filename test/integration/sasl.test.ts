/**
 * SASL through the compiled binary against the local broker's SASL_PLAINTEXT listener
 * (scripts/kafka/sasl.sh): every mechanism produces and the records read back with the same
 * credentials; a wrong password fails at once with one clear line; a client without SASL is
 * refused with one clear line; and no password ever reaches stdout or stderr.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import type { SASLOptions } from "kafkajs";
import { ensureSaslBroker, type SaslBroker } from "../helpers/broker.ts";
import { consumeAll } from "../helpers/consume.ts";
import { runProcess, runSurge, uniquePrefix, type SurgeResult } from "../helpers/surge.ts";

interface Summary {
  totals: { generated: number; acked: number; failed: number; unsent: number };
  topics: Record<string, { role: string; acked: number }>;
}

const MECHANISMS = ["plain", "scram-sha-256", "scram-sha-512"] as const;
const STACK = /\n\s+at |Error: .*\n.*at /;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

let sasl: SaslBroker;
before(async () => {
  sasl = await ensureSaslBroker();
});

function assertNoSecret(r: SurgeResult, ...secrets: string[]): void {
  for (const secret of secrets) {
    assert.ok(!r.stdout.includes(secret), "a password is in stdout");
    assert.ok(!r.stderr.includes(secret), "a password is in stderr");
  }
}

/** stderr: only `surge: ` lines, no stack trace, and exactly one line matching `pattern`. */
function assertOneClearLine(stderr: string, pattern: RegExp): void {
  assert.doesNotMatch(stderr, STACK, `stack trace in:\n${stderr}`);
  const lines = stderr.trim().split("\n");
  for (const l of lines) assert.match(l, /^surge: /, `unexpected line: ${l}`);
  assert.equal(
    lines.filter((l) => pattern.test(l)).length,
    1,
    `not exactly one line matching ${pattern} in:\n${stderr}`,
  );
}

test("sasl.sh prints the SASL address and the user, the password only with --password", async () => {
  const plain = await runProcess("bash", ["scripts/kafka/sasl.sh"]);
  assert.equal(plain.code, 0, plain.stderr);
  assert.deepEqual(plain.stdout.trim().split("\n"), [sasl.brokers, sasl.username]);
  assert.ok(!plain.stdout.includes(sasl.password) && !plain.stderr.includes(sasl.password));
  const withPassword = await runProcess("bash", ["scripts/kafka/sasl.sh", "--password"]);
  assert.equal(withPassword.code, 0, withPassword.stderr);
  assert.deepEqual(withPassword.stdout.trim().split("\n"), [sasl.brokers, sasl.username, sasl.password]);
});

for (const mechanism of MECHANISMS) {
  test(
    `${mechanism}: 300 records acked over SASL and read back with the same credentials`,
    { timeout: 120_000 },
    async () => {
      const prefix = uniquePrefix(`sasl-${mechanism}`);
      const summaryPath = join(tmpdir(), `${prefix}summary.json`);
      const r = await runSurge(
        [
          "--brokers",
          sasl.brokers,
          "--sasl-mechanism",
          mechanism,
          "--sasl-username",
          sasl.username,
          "--scenario",
          "cameras",
          "--count",
          "300",
          "--rate",
          "max",
          "--no-tui",
          "--topic-prefix",
          prefix,
          "--summary-json",
          summaryPath,
        ],
        { env: { ...process.env, SURGE_SASL_PASSWORD: sasl.password } },
      );
      assertNoSecret(r, sasl.password);
      assert.equal(r.code, 0, `surge failed:\n${r.stderr}`);
      const summaryText = await readFile(summaryPath, "utf8");
      assert.ok(!summaryText.includes(sasl.password), "the password is in the summary JSON");
      const summary = JSON.parse(summaryText) as Summary;
      // 300 device events; a camera in a motion burst reports several, so at least 300 records.
      assert.ok(summary.totals.acked >= 300, `acked ${summary.totals.acked}`);
      assert.equal(summary.totals.acked, summary.totals.generated);
      assert.equal(summary.totals.failed + summary.totals.unsent, 0);

      const credentials = { mechanism, username: sasl.username, password: sasl.password } as SASLOptions;
      let read = 0;
      for (const [topic, stats] of Object.entries(summary.topics)) {
        assert.ok(topic.startsWith(prefix), `topic ${topic} lacks the prefix`);
        // 20 s, not the default 60: consumeAll's timeout timer keeps the process alive that long.
        const records = await consumeAll(sasl.brokers, topic, 20_000, { sasl: credentials });
        assert.equal(records.length, stats.acked, `${topic}: consumed ${records.length}, acked ${stats.acked}`);
        for (const rec of records) JSON.parse(rec.value);
        read += records.length;
      }
      assert.equal(read, summary.totals.acked);
    },
  );

  test(
    `${mechanism}: a wrong password fails at once with one clear line, exit 1, no password shown`,
    { timeout: 60_000 },
    async () => {
      const wrong = `not-the-surge-test-password-${Math.random().toString(36).slice(2)}`;
      const started = Date.now();
      const r = await runSurge(
        [
          "--brokers",
          sasl.brokers,
          "--sasl-mechanism",
          mechanism,
          "--sasl-username",
          sasl.username,
          "--scenario",
          "cameras",
          "--count",
          "300",
          "--rate",
          "max",
          "--no-tui",
          "--connect-timeout",
          "30s",
          "--topic-prefix",
          uniquePrefix(`sasl-bad-${mechanism}`),
        ],
        { env: { ...process.env, SURGE_SASL_PASSWORD: wrong } },
      );
      const elapsed = Date.now() - started;
      assertNoSecret(r, wrong, sasl.password);
      assert.equal(r.code, 1, r.stderr);
      assertOneClearLine(r.stderr, new RegExp(`authentication to Kafka at ${escape(sasl.brokers)} failed`));
      // An authentication failure is final: no retrying until --connect-timeout (30 s) runs out.
      assert.ok(elapsed < 10_000, `took ${elapsed} ms`);
    },
  );
}

async function runWithoutSasl(): Promise<{ r: SurgeResult; elapsed: number }> {
  const started = Date.now();
  const r = await runSurge([
    "--brokers",
    sasl.brokers,
    "--connect-timeout",
    "3s",
    "--scenario",
    "cameras",
    "--count",
    "300",
    "--rate",
    "max",
    "--no-tui",
    "--topic-prefix",
    uniquePrefix("sasl-none"),
  ]);
  return { r, elapsed: Date.now() - started };
}

test("no SASL against the SASL listener: exit 1, one surge: line, no stack trace", { timeout: 60_000 }, async () => {
  const { r, elapsed } = await runWithoutSasl();
  assertNoSecret(r, sasl.password);
  assert.equal(r.code, 1, r.stderr);
  assert.doesNotMatch(r.stderr, STACK, `stack trace in:\n${r.stderr}`);
  const lines = r.stderr.trim().split("\n");
  for (const l of lines) assert.match(l, /^surge: /, `unexpected line: ${l}`);
  assert.ok(elapsed < 20_000, `took ${elapsed} ms`);
});

// kafkajs' producer.connect() only sends ApiVersions, which a SASL listener answers before the
// handshake; the broker drops the connection at the first Metadata request, so surge makes that
// request part of connecting and names the likely cause.
test(
  "no SASL against the SASL listener: the error line names the broker and hints at SASL",
  { timeout: 60_000 },
  async () => {
    const { r } = await runWithoutSasl();
    assert.equal(r.code, 1, r.stderr);
    assertOneClearLine(r.stderr, new RegExp(`Kafka at ${escape(sasl.brokers)}.*--sasl-mechanism`));
  },
);
