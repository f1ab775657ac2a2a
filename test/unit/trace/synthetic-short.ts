/**
 * A synthetic trace of the statsmodels macro files' shape: a few dozen quarterly rows without a
 * time column, a trending slow level, a fast rate that moves against the level's wander, and a
 * second slow series that follows the level.
 */
import { gauss } from "../../../src/sim/gauss.ts";
import { Random } from "../../../src/sim/random.ts";

export function shortTrace(rows: number, seed = 3): string {
  const r = new Random(seed);
  const lines = ["level,income,rate"];
  let level = 0;
  let income = 0;
  for (let i = 0; i < rows; i++) {
    level = 0.95 * level + 0.3 * gauss(r) + 0.05;
    income = 0.9 * income + 0.1 * level + 0.2 * gauss(r);
    // The rate shares the level's slow wander but is mostly white: a fast column strongly
    // correlated with a slow one, beyond what one memory per column allows.
    const rate = 5 - 0.8 * level + 0.6 * gauss(r);
    lines.push(`${(100 + 10 * level).toFixed(3)},${(2 + income).toFixed(3)},${rate.toFixed(3)}`);
  }
  return lines.join("\n") + "\n";
}
