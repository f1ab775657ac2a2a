/**
 * Synthetic traces (clearly not real data) of shapes the shared traces lack, to check that the fit
 * generalises: hourly store footfall with a weekly cycle, an integer count, a text status and
 * blank cells; a machine logged at irregular times (epoch ms, jittered steps, gaps); and a
 * 15-minute meter whose reading steps with a 0/1 pump state.
 */
import { gauss } from "../../../src/sim/gauss.ts";
import { Random } from "../../../src/sim/random.ts";

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 19) + "Z";

/**
 * Hourly, 2 stores: clock columns (hour, weekday Monday 1, the hour as HHMM), visitors (an integer
 * count) with daily and weekly cycles, temperature, a text status, gaps.
 */
export function footfallTrace(hours: number, seed = 5): string {
  const r = new Random(seed);
  const lines = ["time,store,hour,weekday,hhmm,visitors,temp_c,status"];
  const start = Date.UTC(2024, 0, 1); // a Monday
  for (const store of ["A17", "B04"]) {
    let level = 0;
    for (let h = 0; h < hours; h++) {
      const t = start + h * 3_600_000;
      const hour = new Date(t).getUTCHours();
      const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday 0
      level = 0.8 * level + 0.3 * gauss(r);
      const open = hour >= 8 && hour < 20 && weekday < 6;
      const rate = open ? (store === "A17" ? 40 : 25) * (weekday === 5 ? 1.6 : 1) * Math.exp(level) : 0.5;
      const visitors = Math.max(0, Math.round(rate + Math.sqrt(rate) * gauss(r)));
      const temp = 20 + (open ? 2 : 0) + 0.5 * level + 0.3 * gauss(r);
      const status = !open ? "closed" : visitors > rate * 1.3 ? "busy" : "open";
      const tempCell = h % 41 === 5 ? "" : temp.toFixed(1);
      lines.push(`${iso(t)},${store},${hour},${weekday + 1},${hour * 100},${visitors},${tempCell},${status}`);
    }
  }
  return lines.join("\n") + "\n";
}

/** One machine logged at irregular times (epoch ms): steps of 40-80 s, an hour's gap now and then; spindle load and vibration. */
export function irregularTrace(rows: number, seed = 9): string {
  const r = new Random(seed);
  const lines = ["logged_ms,load,vibration,errors"];
  let t = Date.UTC(2025, 2, 3, 6);
  let load = 0;
  for (let i = 0; i < rows; i++) {
    t += Math.round(40_000 + 40_000 * r.next()) + (r.next() < 0.002 ? 3_600_000 : 0);
    load = 0.95 * load + 0.3 * gauss(r);
    const vib = 0.2 + 0.05 * Math.exp(load) + 0.02 * gauss(r);
    const errors = r.next() < 0.01 * Math.exp(load) ? 1 + r.int(3) : 0;
    lines.push(`${t},${(60 + 12 * load).toFixed(2)},${vib.toFixed(4)},${errors}`);
  }
  return lines.join("\n") + "\n";
}

/** A meter every 15 min: a 0/1 pump that runs in bouts and a power reading that steps with it. */
export function pumpTrace(rows: number, seed = 11): string {
  const r = new Random(seed);
  const lines = ["when,pump,power_kw,pressure"];
  const start = Date.UTC(2025, 5, 1);
  let pump = 0;
  let pressure = 0;
  for (let i = 0; i < rows; i++) {
    pump = pump === 0 ? (r.next() < 0.05 ? 1 : 0) : r.next() < 0.15 ? 0 : 1;
    pressure = 0.9 * pressure + 0.4 * gauss(r) + (pump ? 0.3 : -0.05);
    const power = pump ? 7.5 + 0.6 * gauss(r) : 0.2 + 0.05 * Math.abs(gauss(r));
    const when = new Date(start + i * 900_000).toISOString().slice(0, 16).replace("T", " ");
    lines.push(`${when},${pump},${power.toFixed(2)},${(3 + 0.2 * pressure).toFixed(3)}`);
  }
  return lines.join("\n") + "\n";
}
