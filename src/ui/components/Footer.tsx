/** The keys, as many as fit; "? help" and "q quit" always do. */
import { Text } from "ink";
import type { ReactElement } from "react";
import { useTheme } from "../theme.ts";
import type { Mode } from "../ui-state.ts";

const NORMAL_KEYS = ["+/- rate ±10%", "↑/↓ ±1%", "0-9⏎ set rate", "space pause", "a anomaly", "t topic", "l lat/late", "r reset"];
const ALWAYS = ["? help", "q quit"];
const MENU_KEYS = ["↑/↓ choose", "⏎ next", "⌫ back", "Esc cancel"];
const RATE_KEYS = ["0-9 digits", "⏎ set rate", "⌫ erase", "Esc clear"];

export function footerText(mode: Mode, width: number): string {
  if (mode.kind === "menu") return fit(MENU_KEYS, [], width);
  if (mode.kind === "rate") return fit(RATE_KEYS, [], width);
  if (mode.kind === "help") return fit(["any key closes the help"], [], width);
  return fit(NORMAL_KEYS, ALWAYS, width);
}

function fit(optional: readonly string[], always: readonly string[], width: number): string {
  const sep = "  ";
  const kept: string[] = [];
  const base = always.join(sep).length;
  let used = base;
  for (const item of optional) {
    const extra = item.length + (used > 0 ? sep.length : 0);
    if (used + extra > width) break;
    kept.push(item);
    used += extra;
  }
  return [...kept, ...always].join(sep);
}

export function Footer({ mode, width }: { mode: Mode; width: number }): ReactElement {
  const theme = useTheme();
  return <Text wrap="truncate" dimColor={theme.dim}>{footerText(mode, width)}</Text>;
}
