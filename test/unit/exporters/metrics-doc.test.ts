/** docs/metrics.md names every metric family /metrics serves, and nothing it does not serve. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { RunHistograms } from "../../../src/exporters/run-histograms.ts";
import { surgeMetrics } from "../../../src/exporters/surge-metrics.ts";
import { snapshot } from "../ui/fixtures.ts";

test("the metrics reference documents exactly the families surge serves", () => {
  const text = surgeMetrics(snapshot(), new RunHistograms(), { version: "1", devices: 1, anomalyKinds: ["spike"] }, 0);
  const served = [...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]).sort();
  const doc = readFileSync(new URL("../../../docs/metrics.md", import.meta.url), "utf8");
  const documented = [...new Set([...doc.matchAll(/^\| `(surge_[a-z0-9_]+)` \|/gm)].map((m) => m[1]))].sort();
  assert.deepEqual(documented, served);
});
