import assert from "node:assert/strict";
import { test } from "node:test";
import type { IntervalHistograms } from "../../../src/engine/snapshot.ts";
import { hdrLogHeader, hdrLogLines } from "../../../src/exporters/hdr-interval-log.ts";
import { LatencyHistogram } from "../../../src/metrics/latency-histogram.ts";

function histogram(ms: readonly number[]): LatencyHistogram {
  const h = new LatencyHistogram();
  for (const v of ms) h.recordMs(v);
  return h;
}

test("interval log: header with StartTime and BaseTime, one tagged line per topic and kind, histograms that decode back", () => {
  const base = 1_796_000_000_000;
  const header = hdrLogHeader(base, "1.2.3");
  assert.match(header, /^#\[Histogram log format version 1\.3\]$/m);
  assert.match(header, /^#\[StartTime: 1796000000\.000 \(seconds since epoch\), 20\d\d-/m);
  assert.match(header, /^#\[BaseTime: 1796000000\.000 \(seconds since epoch\)\]$/m);
  assert.match(header, /^"StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"\n$/m);
  const interval: IntervalHistograms = {
    seq: 3,
    startMs: base + 2000,
    endMs: base + 3000,
    topics: [{ name: "t-data", latency: histogram([1.5, 2.25, 40]), late: histogram([]) }],
  };
  const lines = hdrLogLines(interval, base).trimEnd().split("\n");
  assert.equal(lines.length, 2);
  const [latency, lateness] = lines.map((l) => l.split(","));
  assert.deepEqual(latency?.slice(0, 4), ["Tag=t-data.latency", "2.000", "1.000", "40.000"]);
  assert.deepEqual(lateness?.slice(0, 4), ["Tag=t-data.lateness", "2.000", "1.000", "0.000"]);
  const decoded = LatencyHistogram.decode(latency?.[4] ?? "", 0);
  assert.equal(decoded.count, 3);
  // HDR's encoding keeps counts per bucket: the max comes back as its bucket's top (3 digits).
  assert.ok(decoded.maxMicros >= 40_000 && decoded.maxMicros <= 40_040, String(decoded.maxMicros));
  assert.deepEqual(decoded.countsAtOrBelow([1500, 2249, 2250, 39_999, 40_000]), [1, 1, 2, 2, 3]);
});
