/** A synthetic trace of another shape: hourly, three devices, a weekly and a daily cycle, three correlated columns. */
import { gauss } from "../../../src/sim/gauss.ts";
import { Random } from "../../../src/sim/random.ts";

const pad = (n: number): string => String(n).padStart(2, "0");

export function syntheticTrace(weeks: number, seed = 11): string {
  const r = new Random(seed);
  const lines = ["site,hour,load_kw,temp_c,queue"];
  const start = Date.UTC(2025, 2, 3); // a Monday
  for (const site of ["north", "south", "east"]) {
    let a = 0;
    let b = 0;
    for (let h = 0; h < weeks * 168; h++) {
      const t = new Date(start + h * 3_600_000);
      const day = (t.getUTCDay() + 6) % 7;
      const weekday = day < 5 ? 1 : -1;
      const daily = Math.sin((2 * Math.PI * (t.getUTCHours() - 9)) / 24);
      a = 0.7 * a + gauss(r);
      b = 0.9 * b + 0.5 * gauss(r);
      const load = 50 + 12 * weekday + 8 * daily + 4 * a;
      const temp = 18 + 3 * daily + b + 0.3 * a;
      const queue = Math.max(0, Math.round(load / 10 + 2 * gauss(r)));
      lines.push(
        `${site},${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:00,${load.toFixed(1)},${temp.toFixed(2)},${queue}`,
      );
    }
  }
  return lines.join("\n") + "\n";
}
