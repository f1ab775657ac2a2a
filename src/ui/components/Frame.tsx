/**
 * Draws a built frame. Its lines are styled once (a line unchanged since the last frame is reused).
 * On the dashboard's terminal a FramePainter (frame/painter.ts) writes them in place after each
 * commit, and Ink lays out only an empty box: Ink 6.8 would otherwise rebuild every frame as a grid
 * of cell objects (about three quarters of the dashboard's CPU). Without a painter (tests, which
 * read Ink's output) the same lines go through Ink as one text node: Ink measures a blank
 * placeholder of the frame's size and <Transform> puts each styled line in its place, so Ink's
 * text caches see one string per frame size, however often the numbers change.
 */
import { Box, Transform } from "ink";
import type { ReactElement } from "react";
import { createContext, useContext, useLayoutEffect, useRef } from "react";
import { ansiLine } from "../frame/ansi.ts";
import type { Frame } from "../frame/dashboard.ts";
import type { Line } from "../frame/line.ts";
import { lineCells, sameLine } from "../frame/line.ts";
import type { FramePainter } from "../frame/painter.ts";

/** The terminal's painter, given by run-dashboard.tsx; none: the frame goes through Ink. */
export const PainterContext = createContext<FramePainter | undefined>(undefined);

export function FrameView({ frame }: { frame: Frame }): ReactElement {
  const drawn = useDrawn(frame);
  const painter = useContext(PainterContext);
  useLayoutEffect(() => painter?.paint(drawn, frame.width));
  if (painter) return <Box />;
  return (
    <Box width={frame.width}>
      <Transform transform={(_placeholder: string, row: number) => drawn[row] ?? ""}>
        {blank(frame.width, drawn.length)}
      </Transform>
    </Box>
  );
}

interface Drawn {
  width: number;
  lines: readonly Line[];
  text: string[];
}

/**
 * Each line's styled text; a line the same as the one drawn in its row last frame is reused.
 * A line with no text takes no row (Ink gives an empty Text no height).
 */
function useDrawn(frame: Frame): readonly string[] {
  const last = useRef<Drawn>({ width: 0, lines: [], text: [] });
  const before = last.current;
  const lines = frame.lines.some((l) => lineCells(l) === 0) ? frame.lines.filter((l) => lineCells(l) > 0) : frame.lines;
  const text = lines.map((l, i) => {
    const old = before.lines[i];
    return before.width === frame.width && old !== undefined && sameLine(old, l)
      ? before.text[i]!
      : ansiLine(l, frame.width);
  });
  last.current = { width: frame.width, lines, text };
  return text;
}

/** What Ink measures: `rows` lines of `width` spaces. One per frame size, kept. */
const blanks = new Map<string, string>();

function blank(width: number, rows: number): string {
  const key = `${width}×${rows}`;
  let text = blanks.get(key);
  if (text === undefined) {
    // Terminal sizes are few; a flood of resizes starts the table over rather than grow it.
    if (blanks.size >= 64) blanks.clear();
    text = Array.from({ length: rows }, () => " ".repeat(width)).join("\n");
    blanks.set(key, text);
  }
  return text;
}
