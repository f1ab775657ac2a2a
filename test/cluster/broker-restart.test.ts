/**
 * Retries are bounded by time, not a count: the only broker killed (-9) mid-run and restarted with
 * its data 10 s later (a broker of this test's own) fails nothing at --acks all, and the run goes
 * back to its target rate by itself.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { privateBroker } from "../helpers/private-broker.ts";
import { startSurge, uniquePrefix } from "../helpers/surge.ts";

const broker = privateBroker("restart");
let brokers = "";
before(async () => {
  brokers = await broker.up();
});
after(() => broker.down());

interface Summary {
  totals: { generated: number; acked: number; failed: number; unsent: number };
}

test("a 10 s broker restart at --acks all fails nothing; acks resume by themselves", { timeout: 180_000 }, async () => {
  const prefix = uniquePrefix("restart");
  const summaryPath = join(tmpdir(), `${prefix}summary.json`);
  const surge = startSurge([
    "--scenario",
    "industrial",
    "--brokers",
    brokers,
    "--rate",
    "1000",
    "--duration",
    "30s",
    "--acks",
    "all",
    "--interval",
    "1s",
    "--topic-prefix",
    prefix,
    "--no-tui",
    "--summary-json",
    summaryPath,
  ]);
  await surge.waitFor(/device-data records [1-9][\d,]* /, 60_000);
  await broker.signal("SIGKILL");
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  await broker.up();
  const result = await surge.done;
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  const s = JSON.parse(await readFile(summaryPath, "utf8")) as Summary;
  assert.equal(s.totals.failed, 0);
  assert.equal(s.totals.unsent, 0);
  assert.equal(s.totals.acked, s.totals.generated);
  assert.match(result.stdout, /event: broker 1 \(127\.0\.0\.1:\d+\) unreachable/);
  assert.match(result.stdout, /event: broker 1 \(127\.0\.0\.1:\d+\) back after/);
});
