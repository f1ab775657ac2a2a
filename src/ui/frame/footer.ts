/** The keys, as many as fit; "? help" and "q quit" always do. */
import type { Theme } from "../theme.ts";
import type { Mode } from "../ui-state.ts";
import type { Line } from "./line.ts";
import { line, seg } from "./line.ts";

const NORMAL_KEYS = [
  "+/- rate ±10%",
  "↑/↓ ±1%",
  "0-9⏎ set rate",
  "space pause",
  "a anomaly",
  "t topic",
  "l lat/late",
  "r reset",
];
const ALWAYS = ["? help", "q quit"];
const MENU_KEYS = ["↑/↓ choose", "⏎ next", "⌫ back", "Esc cancel"];
const RATE_KEYS = ["0-9 digits", "⏎ set rate", "⌫ erase", "Esc clear"];

export function footerText(mode: Mode, width: number): string {
  if (mode.kind === "menu") return fitKeys(MENU_KEYS, [], width);
  if (mode.kind === "rate") return fitKeys(RATE_KEYS, [], width);
  if (mode.kind === "help") return fitKeys(["any key closes the help"], [], width);
  return fitKeys(NORMAL_KEYS, ALWAYS, width);
}

function fitKeys(optional: readonly string[], always: readonly string[], width: number): string {
  const sep = "  ";
  const kept: string[] = [];
  let used = always.join(sep).length;
  for (const item of optional) {
    const extra = item.length + (used > 0 ? sep.length : 0);
    if (used + extra > width) break;
    kept.push(item);
    used += extra;
  }
  return [...kept, ...always].join(sep);
}

export const footerLine = (mode: Mode, width: number, theme: Theme): Line =>
  line(seg(footerText(mode, width), { dim: theme.dim }));
