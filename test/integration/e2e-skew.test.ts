/**
 * Clock skew across processes: two instances of one split run (--run-id, --segment) write the same
 * topic with --e2e, one of them on a clock shifted 80 ms back (SURGE_TEST_CLOCK_OFFSET_MS, a test
 * hook). Each reads back the other's records too: the shifted one sees negative latencies, counted
 * apart and never clamped, and both estimate the other's offset within a few ms.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ensureBroker } from "../helpers/broker.ts";
import { runSurge, uniquePrefix } from "../helpers/surge.ts";

const OFFSET_MS = 80;
/** The estimate is the difference of two fastest records: off by how differently fast they travelled. */
const TOLERANCE_MS = 25;

interface Skewed {
  count: number;
  negative: number;
  mostNegativeMs: number;
}
interface Summary {
  e2e: {
    clock: string;
    clocks: { clock: string; records: number; skewMs: number }[];
    topics: Record<string, { sampled: number; sendToReadableMs: Skewed }>;
  };
}

test(
  "two instances, one clock 80 ms behind: negatives counted on one side, the offset estimated on both",
  {
    timeout: 180_000,
  },
  async () => {
    const brokers = await ensureBroker();
    const prefix = uniquePrefix("skew");
    const dir = await mkdtemp(join(tmpdir(), "surge-skew-"));
    const instance = (segment: string, offsetMs: number) =>
      runSurge(
        [
          "--brokers",
          brokers,
          "--scenario",
          "industrial",
          "--topic-prefix",
          prefix,
          "--run-id",
          `${prefix}run`,
          "--segment",
          segment,
          "--devices",
          "1000",
          "--rate",
          "400",
          "--duration",
          "20s",
          "--no-tui",
          "--e2e",
          "--summary-json",
          join(dir, `${segment.replace("/", "-")}.json`),
        ],
        { env: { ...process.env, SURGE_TEST_CLOCK_OFFSET_MS: String(offsetMs) }, timeoutMs: 150_000 },
      );
    const [honest, behind] = await Promise.all([instance("0/2", 0), instance("1/2", -OFFSET_MS)]);
    for (const r of [honest, behind]) assert.equal(r.code, 0, r.stderr + r.stdout);
    const read = async (segment: string): Promise<Summary["e2e"]> =>
      (JSON.parse(await readFile(join(dir, `${segment}.json`), "utf8")) as Summary).e2e;
    const [a, b] = await Promise.all([read("0-2"), read("1-2")]);
    const data = `${prefix}device-data`;

    // The honest instance reads the other's records as 80 ms slower: nothing negative.
    assert.equal(a.topics[data]?.sendToReadableMs.negative, 0);
    const aSeesB = a.clocks.find((c) => c.clock === b.clock);
    assert.ok(aSeesB && aSeesB.records > 0, `0/2 saw no records of ${b.clock}: ${JSON.stringify(a.clocks)}`);
    assert.ok(Math.abs(aSeesB.skewMs - OFFSET_MS) < TOLERANCE_MS, `estimated ${aSeesB.skewMs} ms, not ~${OFFSET_MS}`);

    // The one behind reads the honest one's records as arriving before they were sent: counted apart.
    const bData = b.topics[data]!.sendToReadableMs;
    assert.ok(bData.negative > 0, "no negative latency counted");
    assert.ok(bData.mostNegativeMs < -(OFFSET_MS - TOLERANCE_MS), `most negative ${bData.mostNegativeMs} ms`);
    assert.ok(bData.mostNegativeMs >= -OFFSET_MS - 1, `most negative ${bData.mostNegativeMs} ms, beyond the skew`);
    const bSeesA = b.clocks.find((c) => c.clock === a.clock);
    assert.ok(bSeesA, `1/2 saw no records of ${a.clock}`);
    assert.ok(Math.abs(bSeesA.skewMs + OFFSET_MS) < TOLERANCE_MS, `estimated ${bSeesA.skewMs} ms, not ~-${OFFSET_MS}`);
    assert.match(behind.stdout, /clock skew: instance \S+ .* ahead of this one's/);
    assert.match(behind.stdout, /negative \(clock skew ≥/);
    assert.match(honest.stdout, /clock skew: instance \S+ .* behind this one's/);
  },
);
