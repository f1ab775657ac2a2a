// The soft memory limit's rules, driven by a scripted RSS and clock.
import assert from "node:assert/strict";
import { test } from "node:test";
import { SoftMemoryLimit } from "../../../src/memory/soft-limit.ts";

const MB = 1024 ** 2;

function scripted(limitMb: number) {
  const state = { rss: 0, now: 0, asked: [] as number[] };
  const limit = new SoftMemoryLimit({
    limitBytes: limitMb * MB,
    rss: () => state.rss * MB,
    collect: () => state.asked.push(state.now),
    now: () => state.now,
  });
  /** One look every 250 ms at these RSS figures (MB). */
  const run = (rssMb: number[]): void => {
    for (const r of rssMb) {
      state.rss = r;
      limit.check();
      state.now += 250;
    }
  };
  return { state, limit, run };
}

test("under the limit nothing is collected, and the peak is kept", () => {
  const { state, limit, run } = scripted(320);
  run([100, 250, 319, 320, 200]);
  assert.deepEqual(state.asked, []);
  assert.equal(limit.peakRssBytes, 320 * MB);
});

test("above the limit a collection is asked for, again once the process went under and came back", () => {
  const { state, run } = scripted(320);
  run([330, 300, 340, 310]);
  assert.deepEqual(state.asked, [0, 500]);
});

test("a process that stays above backs off, doubling the gap, and starts over once under", () => {
  const { state, run } = scripted(320);
  run(Array.from({ length: 40 }, () => 400));
  // Gaps 250, 500, 1000, 2000, 4000 ms... from the first look.
  assert.deepEqual(state.asked, [0, 250, 750, 1750, 3750, 7750]);
  run([300, 400]);
  const last = state.asked.at(-1);
  assert.equal(last, 10_250, "after a look under the limit, the next look above collects at once");
});

test("the gap stops doubling at 32 s", () => {
  const { state, run } = scripted(100);
  run(Array.from({ length: 4 * 200 }, () => 500));
  const gaps = state.asked.slice(1).map((t, i) => t - (state.asked[i] ?? 0));
  assert.equal(Math.max(...gaps), 32_000);
});
