import assert from "node:assert/strict";
import { test } from "node:test";
import type { E2eSnapshot, FollowedTopic, ReadBackTopic } from "../../../src/engine/read-back-port.ts";
import { EMPTY_STATS } from "../../../src/metrics/latency-histogram.ts";
import { latencyViews } from "../../../src/ui/frame/e2e-view.ts";
import { latencyLines } from "../../../src/ui/frame/latency.ts";
import { plainText } from "../../../src/ui/frame/line.ts";
import { topicTableLines } from "../../../src/ui/frame/topic-table.ts";
import { handleKey } from "../../../src/ui/keys.ts";
import { PLAIN_THEME } from "../../../src/ui/theme.ts";
import { initialUi } from "../../../src/ui/ui-state.ts";
import { stats, topic } from "./fixtures.ts";

const skewed = (p50: number, p99: number, max: number) => ({
  stats: stats(p50, p99, max),
  negative: 0,
  mostNegativeMs: 0,
});
const readBack: ReadBackTopic = {
  name: "device-data",
  read: 1000,
  skipped: 0,
  sampled: 10,
  sendToReadable: skewed(7.5, 31.2, 80),
  intendedToReadable: skewed(8, 33, 90),
  window: { sendToReadable: stats(7.1, 29.4, 35), intendedToReadable: stats(7.5, 30, 36) },
};
const follow: FollowedTopic = {
  out: "enriched",
  in: "device-data",
  by: "headers",
  read: 10,
  expected: 10,
  matched: 10,
  notYetOut: 0,
  neverOut: 0,
  neverOutExamples: [],
  duplicated: 0,
  foreign: 0,
  unsampled: 0,
  sendToOut: skewed(120, 400, 512),
  intendedToOut: skewed(121, 401, 513),
  window: { sendToOut: EMPTY_STATS, intendedToOut: EMPTY_STATS },
};
const e2e: E2eSnapshot = {
  sample: 0.01,
  clock: "",
  ownFastestMs: NaN,
  clocks: [],
  topics: [readBack],
  follows: [follow],
  problem: "",
};
const topics = [topic("device-data", "data", 2000), topic("alerts", "alerts", 71)];

test("the topic table gets an e2e p99 column only with --e2e", () => {
  const without = plainText(topicTableLines(topics, 0, 100, PLAIN_THEME));
  assert.doesNotMatch(without, /e2e/);
  const lines = plainText(topicTableLines(topics, 0, 100, PLAIN_THEME, e2e)).split("\n");
  assert.match(lines[0] ?? "", /e2e p99$/);
  assert.match(lines[1] ?? "", /device-data.* 29\.4$/);
  assert.match(lines[2] ?? "", /alerts.* -$/, "a topic with nothing measured shows -");
});

test("l cycles send→ack, lateness, send→readable, send→out when --e2e and --follow are on", () => {
  const views = latencyViews(e2e);
  assert.deepEqual(views, ["latency", "late", "readable", "out"]);
  assert.deepEqual(latencyViews(undefined), ["latency", "late"]);
  let ui = initialUi();
  const seen: string[] = [];
  for (let i = 0; i < 4; i++) {
    ui = handleKey(ui, "l", {}, { kinds: [], topics: ["device-data"], topicCount: 1, views }).state;
    seen.push(ui.view);
  }
  assert.deepEqual(seen, ["late", "readable", "out", "latency"]);
  assert.match(
    plainText(latencyLines(topics[0], "readable", 60, PLAIN_THEME, e2e)),
    /^send→readable ms · device-data[\s\S]*max.*80/,
  );
  assert.match(
    plainText(latencyLines(topics[0], "out", 60, PLAIN_THEME, e2e)),
    /^send→enriched ms · device-data[\s\S]*max.*512/,
  );
});
