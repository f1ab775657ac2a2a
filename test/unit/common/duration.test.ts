import { test } from "node:test";
import assert from "node:assert/strict";
import { formatDuration, parseDuration } from "../../../src/common/duration.ts";
import { formatSize, parseSize } from "../../../src/config/size.ts";

test("durations as people type them", () => {
  const cases: Array<[string | number, number]> = [
    ["500ms", 500],
    ["30s", 30_000],
    ["5m", 300_000],
    ["1h", 3_600_000],
    ["1h30m", 5_400_000],
    ["1m30s", 90_000],
    ["2h0m5s", 7_205_000],
    ["1.5s", 1500],
    ["30", 30_000],
    ["0.25", 250],
    ["0", 0],
    [" 10S ", 10_000],
    [45, 45_000],
    [0, 0],
  ];
  for (const [input, ms] of cases) assert.deepEqual(parseDuration(input), { ok: true, ms }, String(input));
});

test("bad durations say what is expected", () => {
  for (const input of ["", "abc", "-5s", "5x", "5 m", "30s5m", "1h1h", "m", -1, Number.NaN]) {
    const result = parseDuration(input);
    assert.equal(result.ok, false, String(input));
    if (!result.ok) assert.match(result.problem, /must be a duration like 500ms, 30s, 5m or 1h30m/);
  }
});

test("formatDuration is the shortest exact spelling", () => {
  assert.equal(formatDuration(0), "0s");
  assert.equal(formatDuration(500), "500ms");
  assert.equal(formatDuration(90_000), "1m30s");
  assert.equal(formatDuration(3_600_000), "1h");
  assert.equal(formatDuration(5_400_000), "1h30m");
});

test("sizes: bytes, k, m, g", () => {
  const cases: Array<[string | number, number]> = [
    ["65536", 65536],
    ["64k", 65536],
    ["64KB", 65536],
    ["1m", 1048576],
    ["1g", 1073741824],
    [100, 100],
    ["0.5k", 512],
  ];
  for (const [input, bytes] of cases) assert.deepEqual(parseSize(input), { ok: true, bytes }, String(input));
  for (const input of ["", "k", "64q", "-1", "1.5", 1.5]) assert.equal(parseSize(input).ok, false, String(input));
  assert.equal(formatSize(65536), "64k");
  assert.equal(formatSize(1048576), "1m");
  assert.equal(formatSize(1000), "1000");
});
