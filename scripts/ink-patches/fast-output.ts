/**
 * A fast `Output.get()` for Ink 6.8 (wired in by ./output-get-fast.ts). Stock `get()` builds a
 * width × height grid of cell objects per frame, tokenizes every line into styled characters and
 * re-serializes each row by diffing styles cell by cell. When a frame's writes cannot interact
 * (no clips, no overlap on a row, plain SGR styling, characters that stand alone as graphemes),
 * a row is just the gaps as spaces plus each line's own text; this builds that string and trims
 * it the way stock does. Anything else returns undefined and stock code draws the frame.
 * test/unit/ink-patches.test.ts checks cell by cell that both draw the same thing.
 */

/** One ANSI code as @alcalzone/ansi-tokenize models it. */
export interface AnsiCode {
  type: "ansi";
  code: string;
  endCode: string;
}

/** Ink's own copies of the functions stock `get()` relies on, passed in by the patched module. */
export interface FastOutputDeps {
  stringWidth(text: string): number;
  tokenize(text: string): ReadonlyArray<AnsiCode | { type: "char" }>;
  reduceAnsiCodesIncremental(codes: AnsiCode[], newCodes: AnsiCode[]): AnsiCode[];
}

type Transformer = (line: string, index: number) => string;

type Operation =
  | { type: "write"; x: number; y: number; text: string; transformers: readonly Transformer[] }
  | { type: "clip" | "unclip" };

export interface OutputLike {
  width: number;
  height: number;
  operations: readonly Operation[];
}

export type FastGet = (output: OutputLike) => { output: string; height: number } | undefined;

/** What a (transformed) line contributes to a row. */
interface LineInfo {
  /** Columns it takes, counted as stock does: max(1, stringWidth) per grapheme. */
  width: number;
  /** Its text, with a reset appended if it leaves styles open (stock starts each line unstyled). */
  full: string;
  /** Its text without trailing unstyled whitespace, as stock's trimEnd leaves it at a row's end. */
  trimmed: string;
  /** Its first character is bold or dim but not both; its last is both (see `analyse`). */
  opensOne: boolean;
  endsBoth: boolean;
}

interface CharInfo {
  width: number;
  space: boolean;
}

interface Segment {
  x: number;
  info: LineInfo;
}

const RESET = "\u001B[0m";
const BOLD = "\u001B[1m";
const DIM = "\u001B[2m";
/** Module-level caches live across frames; past this many entries they start over. */
const CACHE_LIMIT = 4096;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** Index after the `m` of the SGR sequence at `at` (tokenize's rule: ESC [ digits/semicolons m), or -1. */
function sgrEnd(line: string, at: number): number {
  if (line.charCodeAt(at + 1) !== 0x5b) return -1;
  for (let i = at + 2; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x6d) return i + 1;
    if (c !== 0x3b && (c < 0x30 || c > 0x39)) return -1;
  }
  return -1;
}

const isControl = (c: number): boolean => c < 0x20 || (c >= 0x7f && c <= 0x9f);

export function createFastGet(deps: FastOutputDeps): FastGet {
  const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  const graphemes = (text: string): number => [...segmenter.segment(text)].length;
  const chars = new Map<number, CharInfo | null>();
  const sgrCodes = new Map<string, AnsiCode[] | null>();
  const lines = new Map<string, LineInfo | null>();

  /**
   * A non-ASCII code point the fast path can place: one that never joins a neighbour into a
   * grapheme (no combining marks, ZWJ, variation selectors, regional indicators, Hangul jamo
   * L/V/T, prepend, CR/LF), so it is one cell run in stock's tokenizer, whatever surrounds it.
   */
  function charInfo(cp: number): CharInfo | null {
    const known = chars.get(cp);
    if (known !== undefined) return known;
    const ch = String.fromCodePoint(cp);
    const alone =
      !isControl(cp) && (cp < 0xd800 || cp > 0xdfff) && graphemes(`a${ch}a`) === 3 && graphemes(ch + ch) === 2;
    return remember(chars, cp, alone ? { width: Math.max(1, deps.stringWidth(ch)), space: ch.trim() === "" } : null);
  }

  function codesOf(sgr: string): AnsiCode[] | null {
    const known = sgrCodes.get(sgr);
    if (known !== undefined) return known;
    const codes = deps.tokenize(sgr).filter((t): t is AnsiCode => t.type === "ansi");
    // A start code ansi-tokenize does not know ends with a full reset: stock's diff would then
    // drop the other styles too; leave those to stock.
    const wellKnown = codes.every((c) => c.code === RESET || c.code === c.endCode || c.endCode !== RESET);
    return remember(sgrCodes, sgr, wellKnown ? codes : null);
  }

  /**
   * Stock re-serialises styles with ansi-tokenize's diffAnsiCodes, which going from bold+dim to
   * just one of them writes 22m (ending both) and never re-opens the other: stock then draws that
   * cell neither bold nor dim. The fast path keeps the text as written, so it leaves such
   * transitions to stock (within a line here; between adjacent lines in drawRow).
   */
  function analyse(line: string): LineInfo | null {
    let styles: AnsiCode[] = [];
    let both = false;
    let one = false;
    let prevBoth = false;
    let opensOne = false;
    let width = 0;
    let keepEnd = 0;
    let keepStyled = false;
    for (let i = 0; i < line.length;) {
      const c = line.charCodeAt(i);
      if (c === 0x1b) {
        const end = sgrEnd(line, i);
        const codes = end < 0 ? null : codesOf(line.slice(i, end));
        if (codes === null) return null;
        styles = deps.reduceAnsiCodesIncremental(styles, codes);
        const bold = styles.some((s) => s.code === BOLD);
        const dim = styles.some((s) => s.code === DIM);
        both = bold && dim;
        one = bold !== dim;
        i = end;
        continue;
      }
      if (prevBoth && one) return null;
      if (width === 0) opensOne = one;
      prevBoth = both;
      let space: boolean;
      if (c >= 0x20 && c < 0x7f) {
        width += 1;
        space = c === 0x20;
        i += 1;
      } else {
        const cp = line.codePointAt(i)!;
        const info = charInfo(cp);
        if (info === null) return null;
        width += info.width;
        space = info.space;
        i += cp > 0xffff ? 2 : 1;
      }
      // Stock trims a row's trailing whitespace only where it is unstyled.
      if (!space || styles.length > 0) {
        keepEnd = i;
        keepStyled = styles.length > 0;
      }
    }
    const full = styles.length > 0 ? line + RESET : line;
    const trimmed = keepEnd === 0 ? "" : line.slice(0, keepEnd) + (keepStyled ? RESET : "");
    return { width, full, trimmed, opensOne, endsBoth: prevBoth };
  }

  function lineInfo(line: string): LineInfo | null {
    const known = lines.get(line);
    return known !== undefined ? known : remember(lines, line, analyse(line));
  }

  /**
   * Stock's row is an array of `width` cells that writes past the end make longer; a write that
   * starts past its end leaves holes that stock then drops (shifting text left): declined.
   */
  function drawRow(segments: Segment[] | undefined, width: number): string | undefined {
    if (segments === undefined) return "";
    if (segments.length > 1) segments.sort((a, b) => a.x - b.x);
    let last = -1;
    let end = width;
    for (let j = 0; j < segments.length; j++) {
      const next = segments[j + 1];
      const { x, info } = segments[j]!;
      if (x > end) return undefined;
      end = Math.max(end, x + info.width);
      if (next !== undefined) {
        if (x + info.width > next.x) return undefined; // overlap
        if (x + info.width === next.x && info.endsBoth && next.info.opensOne) return undefined; // see analyse
      }
      if (info.trimmed !== "") last = j;
    }
    let row = "";
    let column = 0;
    for (let j = 0; j <= last; j++) {
      const { x, info } = segments[j]!;
      row += " ".repeat(x - column) + (j === last ? info.trimmed : info.full);
      column = x + info.width;
    }
    return row;
  }

  return (output) => {
    const { width, height } = output;
    if (!Number.isInteger(width) || !Number.isInteger(height)) return undefined;
    const rows: Array<Segment[] | undefined> = new Array<Segment[] | undefined>(height);
    for (const op of output.operations) {
      if (op.type !== "write") return undefined; // clips: stock
      const { x, y, text, transformers } = op;
      const split = text.split("\n");
      if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || y + split.length > height) return undefined;
      for (let index = 0; index < split.length; index++) {
        let line = split[index]!;
        for (const transformer of transformers) line = transformer(line, index);
        const info = lineInfo(line);
        if (info === null) return undefined;
        if (info.width === 0) continue;
        (rows[y + index] ??= []).push({ x, info });
      }
    }
    const drawn: string[] = [];
    for (let y = 0; y < height; y++) {
      const row = drawRow(rows[y], width);
      if (row === undefined) return undefined;
      drawn.push(row);
    }
    return { output: drawn.join("\n"), height };
  };
}
