/**
 * `surge verify` on a broker of this test's own, started fresh: the first verify used to fail at
 * once with "Failed to find group coordinator" (exit 1, as if records were lost) because the
 * offsets topic did not exist yet. Transient broker errors are now retried until --timeout.
 * Also: a run killed before it wrote its run-end gets an INCOMPLETE account (exit 1) unless
 * --allow-incomplete.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { ownBroker } from "../helpers/broker.ts";
import { runSurge, startSurge, uniquePrefix } from "../helpers/surge.ts";

const { script } = ownBroker("fresh");

after(() => script("down"));

test(
  "the first verify on a fresh broker waits out the missing group coordinator and says OK",
  { timeout: 240_000 },
  async () => {
    const brokers = await script("up");
    const prefix = uniquePrefix("fresh");
    const run = await runSurge([
      "--brokers",
      brokers,
      "--scenario",
      "industrial",
      "--count",
      "1000",
      "--rate",
      "1000",
      "--no-tui",
      "--topic-prefix",
      prefix,
      "--anomalies-topic",
      `${prefix}truth`,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const verify = await runSurge([
      "verify",
      "--brokers",
      brokers,
      "--anomalies-topic",
      `${prefix}truth`,
      "--timeout",
      "2m",
    ]);
    assert.equal(verify.code, 0, `${verify.stdout}\n${verify.stderr}`);
    assert.match(verify.stdout, /^ {2}OK: nothing was lost or duplicated that was not injected$/m);
    assert.match(verify.stdout, /^ {2}guarantee asked for: acks 1, not idempotent/m);
  },
);

test(
  "a run killed before its run-end is INCOMPLETE (exit 1) unless --allow-incomplete",
  { timeout: 240_000 },
  async () => {
    const brokers = await script("up");
    const prefix = uniquePrefix("killed");
    const truth = `${prefix}truth`;
    const surge = startSurge([
      "--brokers",
      brokers,
      "--scenario",
      "industrial",
      "--rate",
      "500",
      "--duration",
      "60s",
      "--interval",
      "500ms",
      "--no-tui",
      "--topic-prefix",
      prefix,
      "--anomalies-topic",
      truth,
      "--max-in-flight",
      "1",
    ]);
    await surge.waitFor(/acked [1-9][\d,]*/);
    surge.signal("SIGKILL");
    await surge.done;
    const verify = await runSurge(["verify", "--brokers", brokers, "--anomalies-topic", truth, "--timeout", "2m"]);
    assert.equal(verify.code, 1, `${verify.stdout}\n${verify.stderr}`);
    assert.match(verify.stdout, /^ {2}INCOMPLETE: the run wrote no run-end record/m);
    const json = await runSurge([
      "verify",
      "--brokers",
      brokers,
      "--anomalies-topic",
      truth,
      "--json",
      "--allow-incomplete",
    ]);
    const parsed = JSON.parse(json.stdout) as { finished: boolean; verdict: { status: string; incomplete: boolean } };
    assert.equal(parsed.finished, false);
    assert.equal(parsed.verdict.incomplete, true);
    assert.equal(parsed.verdict.status === "ok" ? 0 : 1, json.code, json.stderr);
  },
);
