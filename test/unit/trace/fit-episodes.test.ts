/** A state of few episodes spaced evenly (episodes.ts) and a reading's path through them (episode-response.ts, episode-path.ts). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { runsAbove, scheduleOf } from "../../../src/trace/episodes.ts";
import { fitEpisodeResponse } from "../../../src/trace/episode-response.ts";
import { pathValue } from "../../../src/sim/episode-path.ts";
import { simulate } from "../../../src/trace/simulate.ts";
import type { ColumnModel } from "../../../src/sim/copula/latent.ts";
import { trace } from "../../../src/sim/declared/generators/trace.ts";
import { gauss } from "../../../src/sim/gauss.ts";
import { Random } from "../../../src/sim/random.ts";
import { mean, normalScores } from "../../../src/trace/stats.ts";

/** A slow AR(1) walk (memory 0.995), as a humidity. */
function slow(n: number, r: Random): Float64Array {
  const x = new Float64Array(n);
  for (let t = 1; t < n; t++) x[t] = 0.995 * (x[t - 1] as number) + 0.1 * gauss(r);
  return x;
}

/** 0 everywhere but one episode of `length` rows from `start`. */
function oneEpisode(n: number, start: number, length: number): Float64Array {
  return Float64Array.from({ length: n }, (_, t) => (t >= start && t < start + length ? 1 : 0));
}

test("a state of few episodes gets an even schedule; one of many does not", () => {
  assert.deepEqual(runsAbove([0, 1, 1, 0, 1, 0]), [
    [1, 3],
    [4, 5],
  ]);
  assert.deepEqual(scheduleOf(oneEpisode(4690, 2423, 100)), { every: 4690, length: 100 });
  const two = oneEpisode(6000, 100, 40).map((v, t) => (t >= 3000 && t < 3060 ? 1 : v));
  assert.deepEqual(scheduleOf(two), { every: 3000, length: 50 });
  const many = Float64Array.from({ length: 6000 }, (_, t) => (t % 100 < 10 ? 1 : 0));
  assert.equal(scheduleOf(many), undefined, "60 episodes: a chain");
  assert.equal(scheduleOf(new Float64Array(100)), undefined, "never on");
});

test("a scheduled state's share is exact in a simulation of whole periods", () => {
  const state: ColumnModel = {
    quantiles: [0, 1],
    steps: true,
    cycles: [],
    episodes: { every: 4690, length: 100 },
  };
  const white = { k: 1, transition: Float64Array.of(0), cholesky: Float64Array.of(1) };
  for (const seed of [1, 2, 3]) {
    const [x] = simulate([state], white, new Float64Array(4690 * 10), seed) as [Float64Array];
    assert.equal(mean(x), 100 / 4690, `seed ${seed}: ten whole periods hold ten episodes`);
    assert.ok(runsAbove(x).every(([s, e]) => e - s === 100 || s === 0 || e === x.length));
  }
});

test("a reading that spikes where the state switches on has a path; unrelated slow series have none", () => {
  const r = new Random(11);
  const n = 4690;
  const label = oneEpisode(n, 2423, 100);
  // A slow reading that jumps at the entry and decays back through the episode.
  const base = slow(n, r);
  const spiked = base.map((v, t) => v + (label[t] === 1 ? 3 * Math.exp(-(t - 2423) / 30) : 0));
  const found = fitEpisodeResponse(normalScores(spiked), spiked, label, 100);
  assert.ok(found, "the spike is found");
  assert.ok(found.p <= 0.001);
  assert.equal(found.values.length, 100);
  assert.equal(found.values[0], spiked[2423], "one episode: its own path");
  // The same state beside unrelated slow walks: a level difference by chance, no jump at the entry.
  let kept = 0;
  for (let seed = 1; seed <= 20; seed++) {
    const x = slow(n, new Random(100 + seed));
    if (fitEpisodeResponse(normalScores(x), x, label, 100)) kept++;
  }
  assert.ok(kept <= 1, `unrelated slow series given a path: ${kept} of 20`);
});

test("the path is written from the event the state switches on, the last value held", () => {
  const path = { above: 0.5, values: [10, 20, 30] };
  const memory = new Float64Array(2).fill(NaN);
  const states = [1, 1, 0, 1, 1, 1, 1, 1, 0];
  const got = states.map((s) => pathValue(path, memory, 0, s));
  // The first episode was on before the first event: not seen entering it, so no path.
  assert.deepEqual(got.slice(0, 3).map(Number.isNaN), [true, true, true]);
  assert.deepEqual(got.slice(3, 8), [10, 20, 30, 30, 30]);
  assert.ok(Number.isNaN(got[8]));
  const base = { quantiles: [0, 1], of: "a", component: 1 };
  assert.deepEqual(trace.check?.({ ...base, pathWith: "s", pathAbove: 0.5, path: [1, 2] }), []);
  assert.equal(trace.check?.({ ...base, pathWith: "s" }).length, 1, "all three or none");
  assert.deepEqual(trace.check?.({ quantiles: [0, 1], episodeEvery: 10, episodeLength: 2 }), []);
  assert.equal(trace.check?.({ quantiles: [0, 1], episodeEvery: 10 }).length, 1, "both or neither");
  assert.equal(trace.check?.({ quantiles: [0, 1], episodeEvery: 10, episodeLength: 10 }).length, 1);
});
