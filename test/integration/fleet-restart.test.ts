/**
 * A fleet instance SIGKILLed mid-run and restarted with the same segment and run id, against the
 * real local broker: the restart rejoins as a later life, numbers its sequences from its own
 * base, and `surge verify --run` of the whole run finds no duplicates and no unexplained loss,
 * naming the dead life's records that were in flight.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { ensureBroker } from "../helpers/broker.ts";
import { runSurge, startSurge, uniquePrefix, type LiveSurge } from "../helpers/surge.ts";

let brokers = "";
before(async () => {
  brokers = await ensureBroker();
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

test("kill one share mid-run, restart it: verify of the run is OK, no duplicates, the dead life's tail named", async () => {
  const prefix = uniquePrefix("lives");
  const runId = `lives-${Date.now().toString(36)}`;
  const truthTopic = `${prefix}truth`;
  const instance = (segment: string, duration: string): LiveSurge =>
    startSurge([
      "--scenario",
      "lab",
      "--devices",
      "30",
      "--brokers",
      brokers,
      "--topic-prefix",
      prefix,
      "--anomalies-topic",
      truthTopic,
      "--no-tui",
      "--rate",
      "300",
      "--duration",
      duration,
      "--interval",
      "1s",
      "--segment",
      segment,
      "--run-id",
      runId,
      "--fleet",
      `it-${runId}`,
      "--expect",
      "2",
    ]);
  const first = instance("0/2", "40s");
  const other = instance("1/2", "30s");
  // Past the first acked-offsets record (every 10 s), so part of the dead life is recorded as acked.
  await sleep(14_000);
  first.signal("SIGKILL");
  const killed = await first.done;
  assert.equal(killed.code, null, "killed by a signal, no exit code");
  const again = instance("0/2", "8s");
  const [o, a] = await Promise.all([other.done, again.done]);
  assert.equal(o.code, 0, o.stderr);
  assert.equal(a.code, 0, a.stderr);
  assert.match(a.stderr, /starting \(the fleet is already running: rejoining as life 2 of segment 0:1\/2\)/);

  const v = await runSurge(["verify", "--run", runId, "--brokers", brokers, "--anomalies-topic", truthTopic]);
  assert.equal(v.code, 0, `${v.stdout}\n${v.stderr}`);
  assert.match(
    v.stdout,
    /restarted: instance 0:1\/2 ran 2 lives: life 1 .*died without run-end.*; life 2 .*seq from 67,108,864/,
  );
  assert.match(v.stdout, /in flight +[\d,]+ {2}when instance 0:1\/2 died \(life 1\)/);
  for (const m of v.stdout.matchAll(/duplicates +([\d,]+)/g)) assert.equal(m[1], "0", v.stdout);
  for (const m of v.stdout.matchAll(/unexplained ([\d,]+)/g)) assert.equal(m[1], "0", v.stdout);
  assert.match(v.stdout, /OK: /);

  const json = await runSurge([
    "verify",
    "--run",
    runId,
    "--brokers",
    brokers,
    "--anomalies-topic",
    truthTopic,
    "--json",
  ]);
  const report = JSON.parse(json.stdout) as {
    ok: boolean;
    lives: Array<{ died: boolean }>;
    topics: Record<string, { died?: Array<{ distinct: number; inFlight: number }> }>;
  };
  assert.equal(report.ok, true);
  assert.deepEqual(
    report.lives.map((l) => l.died),
    [true, false, false],
  );
  const died = Object.values(report.topics).flatMap((t) => t.died ?? []);
  assert.ok(
    died.some((d) => d.distinct > 0),
    JSON.stringify(died),
  );
  for (const d of died) assert.ok(d.inFlight <= d.distinct);
});
