/** Prints how much slower latentStepper runs than a plain loop of the same arithmetic, given a k computed as a double (run under Bun). */
import { latentStepper } from "../../../../src/sim/copula/latent.ts";
import { triangleSize } from "../../../../src/sim/declared/generators/trace.ts";

// k as the trace generator gets it: Math.sqrt of a YAML triangle's length, a double in JSC.
const k = triangleSize((49 * 50) / 2);
const a = new Float64Array(k * k);
const l = new Float64Array(k * k);
for (let i = 0; i < k; i++) {
  a[i * k + i] = 0.9;
  for (let j = 0; j <= i; j++) l[i * k + j] = 0.1;
}
const draw = (x: { n: number }): number => ((x.n = (x.n * 16807) % 2147483647) / 2147483647) * 2 - 1;
const step = latentStepper({ k, transition: a, cholesky: l }, 1, draw);

/** The same step, in code of its own with a whole-number k. */
function plain(n: number): () => void {
  const state = new Float64Array(n);
  const w = new Float64Array(n);
  const e = new Float64Array(n);
  const x = { n: 7 };
  return () => {
    for (let i = 0; i < n; i++) w[i] = draw(x);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j <= i; j++) s += (l[i * n + j] as number) * (w[j] as number);
      e[i] = s;
    }
    for (let i = 0; i < n; i++) {
      let s = e[i] as number;
      for (let j = 0; j < n; j++) s += (a[i * n + j] as number) * (state[j] as number);
      state[i] = s;
    }
  };
}

const reference = plain(49);
const x = { n: 7 };
const time = (f: () => void): number => {
  const t0 = performance.now();
  for (let i = 0; i < 3000; i++) f();
  return performance.now() - t0;
};
let best = Infinity;
for (let round = 0; round < 4; round++) best = Math.min(best, time(() => step(0, x)) / time(reference));
console.log(best.toFixed(2));
