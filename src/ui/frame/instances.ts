/** surge watch: a row per fleet instance (segment, host, state, rate, p99), then the fleet commands' answers. */
import type { Snapshot } from "../../engine/snapshot.ts";
import { compact, tail } from "../cells.ts";
import type { Theme } from "../theme.ts";
import type { Line } from "./line.ts";
import { line, seg } from "./line.ts";

export interface InstanceView {
  segment: string;
  host: string;
  /** joined (waiting at the start gate), running, late, gone or finished. */
  state: string;
  rate: number;
  p99: number;
}

export interface FleetPanel {
  instances: readonly InstanceView[];
  /** One line per recent fleet command: how many instances applied it. */
  commands: readonly string[];
}

/** A fleet's merged snapshot with its instances: what surge watch's dashboard draws. */
export interface WatchSnapshot extends Snapshot {
  fleet?: FleetPanel;
}

/** Instances shown before "… N more"; the commands below them. */
const MAX_INSTANCES = 8;
const MAX_COMMANDS = 3;

const ms = (x: number): string => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

export function instanceLines(panel: FleetPanel, width: number, theme: Theme): Line[] {
  const shown = panel.instances.slice(0, MAX_INSTANCES);
  const more = panel.instances.length - shown.length;
  const counts = new Map<string, number>();
  for (const i of panel.instances) counts.set(i.state, (counts.get(i.state) ?? 0) + 1);
  const states = [...counts.entries()].map(([s, k]) => `${k} ${s}`).join(", ");
  const out: Line[] = [
    line(seg(`instances (${panel.instances.length}${states ? `: ${states}` : ""})`, { color: theme.accent })),
  ];
  if (shown.length === 0) out.push(line(seg("  none yet", { dim: theme.dim })));
  const hostWidth = Math.max(8, Math.min(24, width - 50));
  for (const i of shown) {
    const bad = i.state === "late" || i.state === "gone";
    out.push(
      line(
        `  ${tail(i.segment, 9).padEnd(9)} ${tail(i.host, hostWidth).padEnd(hostWidth)} `,
        seg(i.state.padEnd(8), bad ? { color: theme.bad } : { dim: i.state === "finished" ? theme.dim : undefined }),
        ` ${compact(Math.round(i.rate)).padStart(10)}/s  p99 ${ms(i.p99).padStart(9)}`,
      ),
    );
  }
  if (more > 0) out.push(line(seg(`  … ${more} more`, { dim: theme.dim })));
  for (const c of panel.commands.slice(-MAX_COMMANDS)) out.push(line(seg(`  ${c}`, { dim: theme.dim })));
  return out;
}
