/**
 * A synthetic trace of yet another shape: epoch-second times every 30 s, one device, a 0/1 door
 * that switches like a two-state chain, a slow tank level (AR(1), ρ 0.98), a flow that follows the
 * door, a text mode, an alarm label in episodes, and gaps (blank and NA cells).
 */
import { gauss } from "../../../src/sim/gauss.ts";
import { Random } from "../../../src/sim/random.ts";

export function statesTrace(rows: number, seed = 3): string {
  const r = new Random(seed);
  const lines = ["ts,door,tank,flow,mode,alarm"];
  const start = 1_735_689_600; // 2025-01-01 00:00 UTC, epoch seconds
  let door = 0;
  let tank = 0;
  let alarm = 0;
  for (let i = 0; i < rows; i++) {
    door = door === 0 ? (r.next() < 0.02 ? 1 : 0) : r.next() < 0.1 ? 0 : 1;
    alarm = alarm === 0 ? (r.next() < 0.004 ? 1 : 0) : r.next() < 0.2 ? 0 : 1;
    tank = 0.98 * tank + 0.2 * gauss(r);
    const flow = 2 + 3 * door + 0.8 * gauss(r) + (alarm ? 2 : 0);
    const mode = door ? "open" : tank > 0.5 ? "filling" : "idle";
    const tankCell = i % 97 === 13 ? "NA" : (50 + 10 * tank).toFixed(2);
    const flowCell = i % 53 === 7 ? "" : flow.toFixed(2);
    lines.push(`${start + 30 * i},${door},${tankCell},${flowCell},${mode},${alarm}`);
  }
  return lines.join("\n") + "\n";
}
