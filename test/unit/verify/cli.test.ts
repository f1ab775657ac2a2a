import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCli } from "../../../src/cli/flags.ts";
import { progressLine } from "../../../src/cli/verify-progress.ts";
import { resolveVerifySettings, DEFAULT_VERIFY_TIMEOUT_MS } from "../../../src/verify/settings.ts";

const resolve = (argv: string[], env: Record<string, string> = {}) => {
  const parsed = parseCli(argv);
  if ("errors" in parsed) return { errors: parsed.errors };
  return resolveVerifySettings({ flags: parsed.flags, env, readFile: () => "" });
};

test("surge verify takes the connection flags and its own; defaults fill the rest", () => {
  const r = resolve(["verify"]);
  assert.ok("settings" in r);
  assert.deepEqual(r.settings, {
    brokers: ["localhost:9092"],
    clientId: "surge-verify",
    security: {},
    connectTimeoutMs: 30_000,
    runId: undefined,
    truthTopic: "surge.anomalies",
    json: false,
    timeoutMs: DEFAULT_VERIFY_TIMEOUT_MS,
    allowIncomplete: false,
    requireAll: false,
    since: undefined,
    until: undefined,
  });
  const given = resolve([
    "verify",
    "--brokers",
    "k1:9093,k2",
    "--run",
    "20261121T083756Z-ab12",
    "--anomalies-topic",
    "my.truth",
    "--json",
    "--timeout",
    "90s",
    "--connect-timeout",
    "5s",
  ]);
  assert.ok("settings" in given);
  assert.deepEqual(given.settings.brokers, ["k1:9093", "k2:9092"]);
  assert.equal(given.settings.runId, "20261121T083756Z-ab12");
  assert.equal(given.settings.truthTopic, "my.truth");
  assert.equal(given.settings.json, true);
  assert.equal(given.settings.timeoutMs, 90_000);
  assert.equal(given.settings.connectTimeoutMs, 5000);
});

test("the environment works as for a run: KAFKA_BROKERS, SURGE_RUN, SASL password", () => {
  const r = resolve(["verify", "--sasl-mechanism", "scram-sha-512", "--sasl-username", "u"], {
    KAFKA_BROKERS: "kafka:9092",
    SURGE_RUN: "r-1",
    SURGE_JSON: "1",
    SURGE_SASL_PASSWORD: "s3cret",
  });
  assert.ok("settings" in r);
  assert.deepEqual(r.settings.brokers, ["kafka:9092"]);
  assert.equal(r.settings.runId, "r-1");
  assert.equal(r.settings.json, true);
  assert.deepEqual(r.settings.security.sasl, { mechanism: "scram-sha-512", username: "u", password: "s3cret" });
});

test("bad values are all reported at once; flags of the other command are refused", () => {
  const r = resolve(["verify", "--timeout", "soon", "--anomalies-topic", "bad topic", "--run", "a b"]);
  assert.ok("errors" in r);
  assert.equal(r.errors.length, 3);
  assert.match(r.errors.join("\n"), /^--timeout: /m);
  assert.match(r.errors.join("\n"), /--anomalies-topic: must be a topic name/);
  assert.match(r.errors.join("\n"), /--run: must be a run id as surge prints it/);

  const wrong = parseCli(["verify", "--rate", "5", "--scenario", "lab"]);
  assert.deepEqual(wrong, {
    errors: [
      "--scenario is not a flag of surge verify (see surge --help)",
      "--rate is not a flag of surge verify (see surge --help)",
    ],
  });
  assert.deepEqual(parseCli(["--json", "--timeout", "5s"]), {
    errors: [
      "--json is not a flag of surge run (see surge --help)",
      "--timeout is not a flag of surge run (see surge --help)",
    ],
  });
  // --anomalies-topic names the same topic for both.
  assert.ok(!("errors" in parseCli(["--anomalies-topic", "t"])));
  assert.ok(!("errors" in parseCli(["verify", "--anomalies-topic", "t", "--help"])));
});

test("progress says what is being read and how far along", () => {
  assert.equal(progressLine({ phase: "connecting", read: 0, total: 0 }, 2400), "surge verify: connecting (2s)");
  assert.equal(
    progressLine({ phase: "records", read: 1_234_567, total: 2_000_000 }, 12_000),
    "surge verify: reading records: 1,234,567 of 2,000,000 records (61%), 12s, 102,881/s, about 7.4s left",
  );
  // The rate and what is left are the phase's own (the ground truth was read before).
  assert.equal(
    progressLine({ phase: "records", read: 500_000, total: 2_000_000 }, 12_000, 5_000),
    "surge verify: reading records: 500,000 of 2,000,000 records (25%), 12s, 100,000/s, about 15.0s left",
  );
});
