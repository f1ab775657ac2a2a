/**
 * A frame line as the characters Ink's <Text> would have written for it: each styled segment
 * through Ink's own chalk, in the order Text applies styles (dim, colour, bold), and a line wider
 * than the frame cut as wrap="truncate" (cli-truncate) cuts it: width-1 cells, then "…" in the
 * style of the last cell kept. test/unit/ui/frame-view.test.tsx compares it with stock Ink's drawing.
 */
import chalk from "chalk";
import type { ForegroundColorName } from "chalk";
import { foregroundColorNames } from "chalk";
import type { Line, Seg, Style } from "./line.ts";
import { cells, lineCells } from "./line.ts";

const COLORS: ReadonlySet<string> = new Set(foregroundColorNames);
/** C0, DEL and C1: Ink strips escape sequences from a Text, but a transform's output goes out as is. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROLS = new RegExp(CONTROL.source, "g");

/** The theme's colours are chalk's names; anything else draws unstyled. */
const isColor = (color: string | undefined): color is ForegroundColorName => color !== undefined && COLORS.has(color);

function styled(text: string, style: Style | undefined): string {
  let out = CONTROL.test(text) ? text.replace(CONTROLS, "") : text;
  if (style === undefined) return out;
  if (style.dim === true) out = chalk.dim(out);
  if (isColor(style.color)) out = chalk[style.color](out);
  if (style.bold === true) out = chalk.bold(out);
  return out;
}

/** As cli-truncate: the "…" joins the last segment kept, so it takes that segment's style. */
function cut(l: Line, width: number): Seg[] {
  const out: Seg[] = [];
  let room = width - 1;
  for (const s of l) {
    if (room <= 0) break;
    const n = cells(s.text);
    if (n === 0) continue;
    out.push(n <= room ? s : { text: [...s.text].slice(0, room).join(""), style: s.style });
    room -= Math.min(n, room);
  }
  const last = out.pop();
  return last === undefined ? [{ text: "…" }] : [...out, { text: `${last.text}…`, style: last.style }];
}

/**
 * The line's text with its styles, at most `width` cells (cut as Ink would cut it). Unstyled
 * spaces at the end are left out: Ink trims them from every row anyway, and each character
 * written costs Ink's Output a tokenized, styled cell object.
 */
export function ansiLine(l: Line, width: number): string {
  if (width < 1) return "";
  const fits = lineCells(l) <= width ? l : cut(l, width);
  let end = fits.length;
  let tail = "";
  while (end > 0 && fits[end - 1]!.style === undefined) {
    tail = fits[end - 1]!.text.trimEnd();
    if (tail !== "") break;
    end--;
  }
  let out = "";
  for (let i = 0; i < end; i++) {
    const s = fits[i]!;
    const text = i === end - 1 && s.style === undefined ? tail : s.text;
    if (text !== "") out += styled(text, s.style);
  }
  return out;
}
