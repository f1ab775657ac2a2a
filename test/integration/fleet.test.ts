/**
 * A fleet of three instances (--fleet, --expect 3, one --run-id, --segment i/3) against the real
 * local broker, steered from `surge watch` as a user would: the instances wait for each other and
 * start together; a rate change reaches all three and each applies it; a command signed with the
 * wrong token is refused by all three; an instance killed with SIGKILL shows as gone within 5 s,
 * and restarted with the same segment it rejoins the running fleet at once.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { ensureBroker } from "../helpers/broker.ts";
import { startSurge, uniquePrefix, type LiveSurge } from "../helpers/surge.ts";

let brokers = "";
before(async () => {
  brokers = await ensureBroker();
});

const TOKEN = "fleet-test-token-0123456789";
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

test("start together, steer from watch, refuse a wrong token, show a killed instance gone, rejoin on restart", async () => {
  const prefix = uniquePrefix("fleet");
  const runId = `fleet-${Date.now().toString(36)}`;
  const fleet = `it-${runId}`;
  const instance = (i: number): LiveSurge =>
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
      `${prefix}truth`,
      "--no-tui",
      "--rate",
      "200",
      "--duration",
      "25s",
      "--interval",
      "1s",
      "--segment",
      `${i}/3`,
      "--run-id",
      runId,
      "--fleet",
      fleet,
      "--expect",
      "3",
      "--fleet-token",
      TOKEN,
    ]);
  const started: number[] = [];
  const first = instance(0);
  await sleep(2500);
  const second = instance(1);
  await sleep(2500);
  const third = instance(2);
  const watch = startSurge(["watch", fleet, "--brokers", brokers, "--fleet-token", TOKEN]);
  await watch.waitFor(/3 instances \(3 running\)/, 30_000);
  started.push(Date.now());

  // Steering: every instance applies its share of the new fleet rate and says so.
  watch.write("rate 600");
  await watch.waitFor(/command \w+ \(rate 600\): applied by 3 of 3 instances/, 10_000);

  // A command signed with another token is refused by every instance.
  const intruder = startSurge(["watch", fleet, "--brokers", brokers, "--fleet-token", "not-the-fleet-token-xyz"]);
  await intruder.waitFor(/3 instances/, 30_000);
  intruder.write("rate 1");
  await intruder.waitFor(
    /command \w+ \(rate 1\): applied by 0 of 3 instances; not applied: .*refused: not signed with this fleet's token/,
    10_000,
  );
  intruder.signal("SIGINT");
  await intruder.done;

  // SIGKILL one: gone within 5 s (the watcher prints every second).
  third.signal("SIGKILL");
  const killedAt = Date.now();
  await third.done;
  await watch.waitFor(/2\/3:1\s+gone/, 8_000);
  assert.ok(Date.now() - killedAt <= 7_000, `gone after ${Date.now() - killedAt} ms`);

  // Restarted with the same segment: it joins the running fleet at once, not after --expect.
  const again = instance(2);
  await watch.waitFor(/3 running, 1 gone/, 20_000);

  const results = await Promise.all([first.done, second.done, again.done]);
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  // It says who is there every 2 s while it waits (how many depends on timing).
  assert.match(results[0]?.stderr ?? "", /waiting for fleet .*: [12] of 3 joined \(/);
  assert.match(results[0]?.stderr ?? "", /starting \(3 of 3 instances joined\)/);
  assert.match(
    results[2]?.stderr ?? "",
    /starting \(the fleet is already running: rejoining as life 2 of segment 2\/3:1\)/,
  );
  for (const r of results.slice(0, 2)) assert.match(r.stderr, /fleet command \w+: target rate 600\/s/);
  watch.signal("SIGINT");
  const w = await watch.done;
  assert.equal(w.code, 0, w.stderr);
});
