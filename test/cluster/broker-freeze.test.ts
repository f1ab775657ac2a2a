/**
 * A broker that stops answering (SIGSTOP, a broker of this test's own) must not hang surge:
 * generation ends at --duration (or at the first SIGINT), the flush gives up after its timeout,
 * what was never answered is counted unsent, the summary is written and surge exits 1.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { privateBroker } from "../helpers/private-broker.ts";
import { startSurge, uniquePrefix } from "../helpers/surge.ts";

const broker = privateBroker("freeze");
let brokers = "";
before(async () => {
  brokers = await broker.up();
});
after(() => broker.down());

interface Summary {
  elapsedSeconds: number;
  totals: { generated: number; acked: number; failed: number; unsent: number };
}

/** The engine's flush timeout (30 s) + the run end's share of it + closing, with room for a loaded machine. */
const AFTER_STOP_LIMIT_MS = 50_000;

async function frozenRun(name: string, args: string[], interrupt: boolean): Promise<void> {
  const prefix = uniquePrefix(name);
  const summaryPath = join(tmpdir(), `${prefix}summary.json`);
  const surge = startSurge([
    "--scenario",
    "industrial",
    "--brokers",
    brokers,
    "--rate",
    "1000",
    "--interval",
    "500ms",
    "--topic-prefix",
    prefix,
    "--no-tui",
    "--summary-json",
    summaryPath,
    ...args,
  ]);
  await surge.waitFor(/records [1-9][\d,]* /, 60_000);
  await broker.signal("SIGSTOP");
  try {
    const frozenAt = Date.now();
    if (interrupt) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      surge.signal("SIGINT");
    }
    const result = await surge.done;
    const tookMs = Date.now() - frozenAt;
    assert.equal(result.code, 1, `${result.stdout}\n${result.stderr}`);
    assert.ok(
      tookMs < AFTER_STOP_LIMIT_MS + (interrupt ? 2000 : 10_000),
      `surge ran ${tookMs} ms after the broker froze`,
    );
    const s = JSON.parse(await readFile(summaryPath, "utf8")) as Summary;
    assert.ok(s.totals.acked > 0, "nothing acked before the freeze");
    assert.ok(s.totals.unsent + s.totals.failed > 0, JSON.stringify(s.totals));
    assert.equal(s.totals.acked + s.totals.failed + s.totals.unsent, s.totals.generated);
    // Generation stopped at the duration (or the interrupt), not when the flush gave up.
    assert.ok(s.elapsedSeconds < (interrupt ? 8 : 13), `elapsed ${s.elapsedSeconds} s`);
    assert.match(result.stdout, /brokers 1 \(127\.0\.0\.1:\d+\) unresponsive for/);
  } finally {
    await broker.signal("SIGCONT");
  }
}

test(
  "broker frozen mid-run: --duration still ends generation, the flush gives up, unsent counted, exit 1",
  { timeout: 180_000 },
  async () => {
    await frozenRun("freeze-duration", ["--duration", "10s"], false);
  },
);

test("broker frozen mid-run: one SIGINT ends the run within the flush timeout", { timeout: 180_000 }, async () => {
  await frozenRun("freeze-sigint", ["--duration", "10m"], true);
});
