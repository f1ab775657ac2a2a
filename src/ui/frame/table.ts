/**
 * A small fixed-width table. ink-table cannot load with Ink 6 (CommonJS `require("ink")` of an
 * ESM module with top-level await), so this one lays out cells itself: one line per row, the
 * flexible column takes what is left, low-priority columns go first when the width is short.
 */
import { tail } from "../cells.ts";
import type { Line, Seg, Style } from "./line.ts";
import { line, seg } from "./line.ts";

export interface Column {
  header: string;
  /** Cell width including the space that separates it from the column before. */
  width: number;
  align: "left" | "right";
  /** Takes the width left over (at least `width`). */
  flex?: boolean;
  /** For the flex column: droppable columns go before it gets narrower than this. */
  want?: number;
  /** Columns with a lower number are dropped first when the table does not fit; none = kept. */
  drop?: number;
}

export interface Cell {
  text: string;
  /** Kept in front of the text when the cell is cut short (a selection marker). */
  lead?: string;
  color?: string | undefined;
}

export function fitColumns(columns: readonly Column[], width: number): Array<Column & { index: number }> {
  let kept = columns.map((c, index) => ({ ...c, index }));
  const total = (): number => kept.reduce((sum, c) => sum + c.width, 0);
  const droppable = kept.filter((c) => c.drop !== undefined).sort((a, b) => (a.drop ?? 0) - (b.drop ?? 0));
  const flexWant = kept.reduce((extra, c) => extra + (c.flex ? Math.max(0, (c.want ?? c.width) - c.width) : 0), 0);
  for (const victim of droppable) {
    if (total() + flexWant <= width) break;
    kept = kept.filter((c) => c !== victim);
  }
  const spare = Math.max(0, width - total());
  return kept.map((c) => (c.flex ? { ...c, width: c.width + spare } : c));
}

export function pad(text: string, width: number, align: "left" | "right", lead = ""): string {
  if (align === "left") return (lead + tail(text, width - lead.length)).padEnd(width, " ");
  // Right-aligned cells keep one space before them so neighbours never touch.
  return tail(text, width - 1).padStart(width, " ");
}

/** Header line, then one line per row of cells. */
export function tableLines(
  columns: readonly Column[],
  rows: ReadonlyArray<readonly Cell[]>,
  width: number,
  headerStyle: Style,
): Line[] {
  const fitted = fitColumns(columns, width);
  const header = line(seg(fitted.map((c) => pad(c.header, c.width, c.align)).join(""), headerStyle));
  return [
    header,
    ...rows.map((cells) =>
      line(
        ...fitted.map((c): Seg => {
          const cell = cells[c.index] ?? { text: "" };
          return seg(pad(cell.text, c.width, c.align, cell.lead), { color: cell.color });
        }),
      ),
    ),
  ];
}
