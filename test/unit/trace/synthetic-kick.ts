/**
 * A synthetic trace of the beaver's shape: every 10 minutes a slow reading and a 0/1 flag that
 * flickers (no runs), comes more often when the reading is high, and kicks the reading (the kick
 * decays with the reading's own memory).
 */
import { gauss } from "../../../src/sim/gauss.ts";
import { Random } from "../../../src/sim/random.ts";

const pad = (n: number): string => String(n).padStart(2, "0");

export function kickTrace(rows: number, seed = 5): string {
  const r = new Random(seed);
  const lines = ["timestamp,activ,temp"];
  const start = Date.UTC(2025, 0, 6);
  let level = 0;
  let kick = 0;
  for (let i = 0; i < rows; i++) {
    const t = new Date(start + i * 600_000);
    level = 0.85 * level + 0.5 * gauss(r);
    const activ = level + gauss(r) > 2.4 ? 1 : 0;
    kick = 0.8 * kick + activ;
    const temp = 36.8 + 0.15 * level + 0.15 * kick;
    const stamp = `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
    lines.push(`${stamp},${activ},${temp.toFixed(2)}`);
  }
  return lines.join("\n") + "\n";
}
