/**
 * Producer guarantees on a three-broker cluster of this test's own (RF 3, min.insync.replicas 2):
 * the leader of partition 0 is killed (-9) or frozen (SIGSTOP) mid-run, then `surge verify` reads
 * everything back. acks=all: nothing counted acked is missing. --idempotent: also no duplicates
 * and no reordering. The whole matrix (clean bounce, controller kill, acks=1, 60 s at 10,000/s)
 * is `npm run test:faults`.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { privateBroker } from "../helpers/private-broker.ts";
import { runSurge, startSurge, uniquePrefix } from "../helpers/surge.ts";

const cluster = privateBroker("leader-faults");
let brokers = "";
before(async () => {
  brokers = await cluster.up(3);
});
after(() => cluster.down());

interface Summary { totals: { generated: number; acked: number; failed: number; unsent: number } }
interface TopicAccount {
  missing: { unexplained: number };
  duplicates: { total: number };
  outOfOrder: { total: number };
}
interface Account { topics: Record<string, TopicAccount> }

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `surge verify --json`; a cluster that just lost a node may not have a group coordinator yet: asked again. */
async function verifyRun(run: string): Promise<Account> {
  let last = "";
  for (let attempt = 0; attempt < 3; attempt++) {
    const verify = await runSurge(["verify", "--brokers", brokers, "--run", run, "--json"], { timeoutMs: 180_000 });
    if (verify.stdout.trim().startsWith("{")) return JSON.parse(verify.stdout) as Account;
    last = verify.stderr;
    await sleep(3000);
  }
  throw new Error(`surge verify gave no account: ${last}`);
}

async function faultedRun(name: string, flags: string[], fault: (leader: number) => Promise<void>): Promise<{ summary: Summary; account: Account; stdout: string }> {
  const prefix = uniquePrefix(name);
  const summaryPath = join(tmpdir(), `${prefix}summary.json`);
  const surge = startSurge(["--scenario", "industrial", "--brokers", brokers, "--rate", "2000", "--duration", "30s",
    "--interval", "1s", "--topic-prefix", prefix, "--no-tui", "--summary-json", summaryPath, ...flags]);
  await surge.waitFor(/device-data records [1-9][\d,]* /, 60_000);
  await fault(await cluster.leader(`${prefix}device-data`, 0));
  const result = await surge.done;
  const run = /run (\d{8}T\d{6}Z-\w+)/.exec(`${result.stdout}\n${result.stderr}`)?.[1];
  assert.ok(run, `${result.stdout.slice(0, 500)}\n${result.stderr.slice(0, 500)}`);
  const account = await verifyRun(run);
  const summary = JSON.parse(await readFile(summaryPath, "utf8")) as Summary;
  return { summary, account, stdout: result.stdout };
}

test("acks=all, leader of partition 0 killed (-9) and restarted: nothing counted acked is missing", { timeout: 240_000 }, async () => {
  const { summary, account, stdout } = await faultedRun("kill-all", ["--acks", "all"], async (leader) => {
    await cluster.fault("kill", leader);
    await sleep(5000);
    await cluster.fault("start", leader);
  });
  const t = summary.totals;
  assert.equal(t.acked + t.failed + t.unsent, t.generated);
  assert.equal(t.failed, 0, "a leader restart within --delivery-timeout must fail nothing");
  for (const [topic, a] of Object.entries(account.topics)) {
    assert.equal(a.missing.unexplained, 0, `${topic}: acked records missing`);
    assert.equal(a.outOfOrder.total, 0, `${topic}: out of order`);
  }
  assert.match(stdout, /event: broker \d \([^)]+\) unreachable/);
});

test("--idempotent, leader of partition 0 frozen (SIGSTOP 15 s): no loss, no duplicates, no reordering", { timeout: 240_000 }, async () => {
  const { summary, account, stdout } = await faultedRun("stop-idem", ["--idempotent"], async (leader) => {
    await cluster.fault("stop", leader);
    await sleep(15_000);
    await cluster.fault("cont", leader);
  });
  const t = summary.totals;
  assert.equal(t.acked + t.failed + t.unsent, t.generated);
  assert.equal(t.failed, 0);
  for (const [topic, a] of Object.entries(account.topics)) {
    assert.equal(a.missing.unexplained, 0, `${topic}: acked records missing`);
    assert.equal(a.duplicates.total, 0, `${topic}: duplicates`);
    assert.equal(a.outOfOrder.total, 0, `${topic}: out of order`);
  }
  // The outage and its end show as run events.
  assert.match(stdout, /event: broker \d \([^)]+\) back after/);
});
