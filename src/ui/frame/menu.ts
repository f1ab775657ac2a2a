/** The `a` menu: one step at a time, the cursor on the kind's defaults. */
import type { MenuContext, MenuState } from "../anomaly-menu.ts";
import { menuOptions } from "../anomaly-menu.ts";
import type { Theme } from "../theme.ts";
import type { Line } from "./line.ts";
import { line, seg } from "./line.ts";

const STEP_TITLES = {
  kind: "1/4 kind",
  target: "2/4 which devices",
  duration: "3/4 for how long",
  confirm: "4/4 confirm",
} as const;

export function menuLines(menu: MenuState, context: MenuContext, rows: number, theme: Theme): Line[] {
  const options = menuOptions(menu, context);
  const visible = Math.max(1, rows - 1);
  // Scroll so the cursor stays in view.
  const first = Math.min(Math.max(0, menu.cursor - visible + 1), Math.max(0, options.length - visible));
  const labelWidth = Math.max(...options.map((o) => o.label.length)) + 4;
  const chosen = menu.kind ? ` · ${menu.kind.name}` : "";
  const title = line(seg(`inject anomaly · ${STEP_TITLES[menu.step]}${chosen}`, { color: theme.accent }));
  return [
    title,
    ...options.slice(first, first + visible).map((o, i) => {
      const at = first + i === menu.cursor;
      const label = `${at ? "› " : "  "}${o.label}`.padEnd(labelWidth);
      return at
        ? line(seg(label + o.detail, { color: theme.accent, bold: true }))
        : line(label, seg(o.detail, { dim: theme.dim }));
    }),
  ];
}
