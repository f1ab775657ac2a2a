/**
 * Synthetic traces in the shapes real files come in: a room's occupancy every 10 min with long
 * occupied/vacant runs, a weekday name beside the time and a temperature that rises while occupied;
 * and a headerless two-column sensor dump separated by runs of blanks.
 */
import { gauss } from "../../../src/sim/gauss.ts";
import { Random } from "../../../src/sim/random.ts";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** `rows` rows every 10 min from Monday 2025-03-03: time, status (runs of ~12 and ~30 rows), weekday, temp. */
export function occupancyTrace(rows: number, seed = 5): string {
  const r = new Random(seed);
  const lines = ["time,status,weekday,temp"];
  let occupied = false;
  let heat = 0;
  for (let i = 0; i < rows; i++) {
    occupied = occupied ? r.next() >= 1 / 12 : r.next() < 1 / 30;
    heat = 0.95 * heat + 0.05 * (occupied ? 2 : 0) + 0.1 * gauss(r);
    const t = new Date(Date.UTC(2025, 2, 3) + i * 600_000);
    const stamp = t.toISOString().slice(0, 16).replace("T", " ");
    lines.push(`${stamp},${occupied ? "occupied" : "vacant"},${DAYS[t.getUTCDay()]},${(20 + heat).toFixed(2)}`);
  }
  return lines.join("\n") + "\n";
}

/** A headerless dump: epoch seconds and a slow reading, columns aligned by blanks, a comment at the top. */
export function blankDump(rows: number, seed = 9): string {
  const r = new Random(seed);
  let x = 0;
  const lines = ["# logger 7, exported raw"];
  for (let i = 0; i < rows; i++) {
    x = 0.9 * x + gauss(r);
    lines.push(`  ${1_740_000_000 + 15 * i}   ${(5 + x).toFixed(3).padStart(8)}`);
  }
  return lines.join("\r\n") + "\r\n\r\n";
}
