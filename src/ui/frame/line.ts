/**
 * A frame as plain data: lines of styled segments. Panels build them with pure functions and
 * <Frame> draws one Ink <Text> per line, so Ink lays out a few dozen nodes instead of ~150 and
 * an unchanged frame can be recognised before React or Ink see it.
 */

export interface Style {
  color?: string | undefined;
  dim?: boolean | undefined;
  bold?: boolean | undefined;
}

export interface Seg {
  readonly text: string;
  readonly style?: Style | undefined;
}

export type Line = readonly Seg[];

/** One blank row (Ink gives an empty Text no height). */
export const BLANK: Line = Object.freeze([{ text: " " }]);

const hasStyle = (s: Style | undefined): s is Style =>
  s !== undefined && (s.color !== undefined || s.dim === true || s.bold === true);

export const sameStyle = (a: Style | undefined, b: Style | undefined): boolean => {
  const x = hasStyle(a);
  const y = hasStyle(b);
  if (!x || !y) return x === y;
  return a.color === b.color && (a.dim === true) === (b.dim === true) && (a.bold === true) === (b.bold === true);
};

/** A segment; no style (or an empty one) is plain text. */
export const seg = (text: string, style?: Style): Seg => (hasStyle(style) ? { text, style } : { text });

/** Joins segments into a line, merging neighbours of the same style (fewer nested Texts). */
export function line(...parts: ReadonlyArray<Seg | string>): Line {
  const out: Seg[] = [];
  for (const part of parts) {
    const s = typeof part === "string" ? { text: part } : part;
    if (s.text === "") continue;
    const last = out.at(-1);
    if (last && sameStyle(last.style, s.style))
      out[out.length - 1] = { text: last.text + s.text, ...(last.style ? { style: last.style } : {}) };
    else out.push(hasStyle(s.style) ? s : { text: s.text });
  }
  return out;
}

/** Terminal cells of a string: one per code point (the dashboard draws no wide characters). */
export function cells(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

export const lineCells = (l: Line): number => l.reduce((sum, s) => sum + cells(s.text), 0);

/** The first `width` cells of a string. */
function cut(text: string, width: number): string {
  if (text.length <= width) return text;
  return [...text].slice(0, width).join("");
}

/** As Ink's wrap="truncate": a line wider than `width` keeps width-1 cells and ends in "…". */
export function truncate(l: Line, width: number): Line {
  if (lineCells(l) <= width) return l;
  if (width <= 0) return [];
  const out: Seg[] = [];
  let room = width - 1;
  for (const s of l) {
    if (room <= 0) break;
    const n = cells(s.text);
    out.push(n <= room ? s : seg(cut(s.text, room), s.style));
    room -= Math.min(n, room);
  }
  return line(...out, "…");
}

/** Exactly `width` cells: cut as Ink would, then padded with spaces. */
export function fit(l: Line, width: number): Line {
  const t = truncate(l, width);
  const n = lineCells(t);
  return n < width ? line(...t, " ".repeat(width - n)) : t;
}

/** Two columns of lines side by side: the left one `leftWidth` wide, then `gap` spaces. */
export function beside(
  left: readonly Line[],
  leftWidth: number,
  gap: number,
  right: readonly Line[],
  rightWidth: number,
): Line[] {
  const rows = Math.max(left.length, right.length);
  const out: Line[] = [];
  for (let i = 0; i < rows; i++) {
    out.push(line(...fit(left[i] ?? [], leftWidth), " ".repeat(gap), ...truncate(right[i] ?? [], rightWidth)));
  }
  return out;
}

export function sameLine(a: Line, b: Line): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.text !== y.text || !sameStyle(x.style, y.style)) return false;
  }
  return true;
}

export function sameLines(a: readonly Line[], b: readonly Line[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameLine(a[i]!, b[i]!)) return false;
  return true;
}

/** The text alone, as the terminal shows it without colour (tests, README captures). */
export const plainText = (lines: readonly Line[]): string =>
  lines
    .map((l) =>
      l
        .map((s) => s.text)
        .join("")
        .trimEnd(),
    )
    .join("\n");
