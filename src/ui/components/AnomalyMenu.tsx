/** The `a` menu: one step at a time, the cursor on the kind's defaults. */
import { Text } from "ink";
import type { ReactElement } from "react";
import type { MenuContext, MenuState } from "../anomaly-menu.ts";
import { menuOptions } from "../anomaly-menu.ts";
import { useTheme } from "../theme.ts";

const STEP_TITLES = {
  kind: "1/4 kind",
  target: "2/4 which devices",
  duration: "3/4 for how long",
  confirm: "4/4 confirm",
} as const;

export interface AnomalyMenuProps {
  menu: MenuState;
  context: MenuContext;
  rows: number;
}

export function AnomalyMenu({ menu, context, rows }: AnomalyMenuProps): ReactElement {
  const theme = useTheme();
  const options = menuOptions(menu, context);
  const visible = Math.max(1, rows - 1);
  // Scroll so the cursor stays in view.
  const first = Math.min(Math.max(0, menu.cursor - visible + 1), Math.max(0, options.length - visible));
  const labelWidth = Math.max(...options.map((o) => o.label.length)) + 4;
  const chosen = menu.kind ? ` · ${menu.kind.name}` : "";
  return (
    <>
      <Text wrap="truncate" color={theme.accent}>{`inject anomaly · ${STEP_TITLES[menu.step]}${chosen}`}</Text>
      {options.slice(first, first + visible).map((o, i) => {
        const at = first + i === menu.cursor;
        return (
          <Text key={o.label} wrap="truncate" color={at ? theme.accent : undefined} bold={at}>
            {`${at ? "› " : "  "}${o.label}`.padEnd(labelWidth)}
            <Text dimColor={!at && theme.dim}>{o.detail}</Text>
          </Text>
        );
      })}
    </>
  );
}
