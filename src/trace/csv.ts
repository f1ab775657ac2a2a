/**
 * Trace text → header + rows of text cells: RFC 4180 quotes; separated by commas, semicolons, tabs,
 * bars or runs of blanks (as .dat/.txt files align them), whichever gives every line of the file's
 * head the same count; `#` comment lines skipped; a file without a header row gets col1..colN.
 */
import { detectTimeFormat } from "../sim/time-layout.ts";

export interface CsvTable {
  header: string[];
  rows: string[][];
  /** What was read differently from a plain CSV (no header row, row names), for `surge init` to say. */
  notes?: string[];
}

/** A separator character, or "blanks": a run of spaces and tabs (leading and trailing ones ignored). */
type Separator = "," | ";" | "\t" | "|" | "blanks";
/** Tried in this order; on a tie (the same count on every line) the earlier wins, commas last. */
const SEPARATORS: readonly Separator[] = [";", "\t", "|", ",", "blanks"];
/** Lines of the file's head that decide the separator and the header. */
const HEAD_RECORDS = 50;

interface Parsed {
  records: string[][];
  /** The file's line number (1-based) of each record. */
  lines: number[];
  /** Comment lines (after `#`) and the record index each comes before. */
  comments: { before: number; text: string }[];
  unclosed: boolean;
}

/** The records of `body` cut by `sep`, at most `limit` of them. */
function tokenize(body: string, sep: Separator, limit = Infinity): Parsed {
  const out: Parsed = { records: [], lines: [], comments: [], unclosed: false };
  const blanks = sep === "blanks";
  const isSep = (ch: string): boolean => (blanks ? ch === " " || ch === "\t" : ch === sep);
  let row: string[] = [];
  let cell = "";
  let started = false; // the cell has begun (blanks: a quoted empty cell counts)
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const endCell = (): void => {
    if (!blanks || started || cell !== "") row.push(cell);
    cell = "";
    started = false;
  };
  const endRow = (): void => {
    endCell();
    if (row.length > 1 || (row.length === 1 && (row[0] as string).trim() !== "")) {
      out.records.push(row);
      out.lines.push(rowLine);
    }
    row = [];
  };
  while (i < body.length && out.records.length < limit) {
    const ch = body[i] as string;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
      } else {
        if (ch === "\n") line++;
        cell += ch;
        i++;
      }
      continue;
    }
    const atLineStart = row.length === 0 && cell.trim() === "" && !started;
    if (atLineStart && ch === "#") {
      // A comment line: skipped, its text kept (a commented header of a headerless file).
      const end = body.indexOf("\n", i);
      const stop = end < 0 ? body.length : end;
      out.comments.push({ before: out.records.length, text: body.slice(i + 1, stop).replace(/\r$/, "") });
      cell = "";
      i = stop;
      continue;
    }
    if (atLineStart) rowLine = line;
    if (ch === '"' && cell.trim() === "" && !started) {
      quoted = true;
      started = true;
      cell = "";
      i++;
    } else if (isSep(ch)) {
      if (!blanks || started || cell !== "") endCell();
      i++;
    } else if (ch === "\n" || ch === "\r") {
      endRow();
      line++;
      i += ch === "\r" && body[i + 1] === "\n" ? 2 : 1;
    } else {
      cell += ch;
      i++;
    }
  }
  if (quoted) out.unclosed = true;
  else if (out.records.length < limit) endRow();
  return out;
}

const isNumber = (s: string): boolean => s.trim() !== "" && Number.isFinite(Number(s.trim().replace(",", ".")));
/** A cell a header never holds: a number or a time. */
const isValue = (s: string): boolean => isNumber(s) || (/^\d/.test(s.trim()) && detectTimeFormat([s]) !== undefined);

interface Cut {
  sep: Separator;
  /** The share of lines with the commonest count of cells. */
  share: number;
  /** The share of cells below the first line that are numbers or times. */
  typed: number;
  /** The commonest count. */
  count: number;
  /** The first line has that count too (not one fewer, as R's row names leave it). */
  exact: boolean;
}

/** How well `sep` cuts the head. */
function cutOf(head: string, cut: boolean, sep: Separator): Cut {
  const { records } = tokenize(head, sep, HEAD_RECORDS);
  // The last line of a head cut from a longer file may be short: left out.
  const rows = cut && records.length > 2 ? records.slice(0, -1) : records;
  const tally = new Map<number, number>();
  for (const r of rows) tally.set(r.length, (tally.get(r.length) ?? 0) + 1);
  let count = 1;
  let most = 0;
  for (const [n, k] of tally) if (k > most || (k === most && n > count)) [count, most] = [n, k];
  // A header with one cell fewer than the rows (R's write.table: row names) still counts as even.
  const header = rows[0]?.length ?? 0;
  const even = most + (header === count - 1 && rows.length > 1 ? 1 : 0);
  const cells = count < 2 ? [] : rows.slice(1).flat();
  const typed = cells.length === 0 ? 0 : cells.filter(isValue).length / cells.length;
  return { sep, share: rows.length === 0 ? 0 : even / rows.length, typed, count, exact: header === count };
}

/**
 * The separator that cuts every line of the head into the same count of at least two cells (the
 * first line too rather than one fewer), the most; on a tie the one whose cells read as numbers and times (a semicolon file's decimal commas
 * cut alike by commas, into cells that are no numbers), then the earlier.
 */
function separatorOf(body: string): Separator {
  let at = 0;
  for (let n = 0; n < HEAD_RECORDS * 4 && at < body.length; n++) {
    const end = body.indexOf("\n", at);
    at = end < 0 ? body.length : end + 1;
  }
  const head = body.slice(0, at);
  const cut = at < body.length;
  const EPS = 1e-9;
  let best: Cut | undefined;
  for (const sep of SEPARATORS) {
    const f = cutOf(head, cut, sep);
    if (f.count < 2) continue;
    const better =
      !best ||
      f.share > best.share + EPS ||
      (f.share > best.share - EPS &&
        ((f.exact && !best.exact) ||
          (f.exact === best.exact &&
            (f.count > best.count || (f.count === best.count && f.typed > best.typed + EPS)))));
    if (better) best = f;
  }
  return best?.sep ?? ",";
}

/** Parses the whole text; a problem (nothing to read, ragged rows) is one line. */
export function parseCsv(text: string, source: string): CsvTable | { problem: string } {
  const body = text.replace(/^\uFEFF/, "");
  const sep = separatorOf(body);
  const parsed = tokenize(body, sep);
  if (parsed.unclosed) return { problem: `${source}: a quoted cell is never closed` };
  const notes: string[] = [];
  const skip = preamble(parsed.records);
  if (skip > 0)
    notes.push(
      `the first ${skip === 1 ? "line is" : `${skip} lines are`} a preamble (another count of cells than the table's): skipped`,
    );
  const records = parsed.records.slice(skip);
  const lines = parsed.lines.slice(skip);
  const first = records[0];
  if (!first || first.length === 0)
    return { problem: `${source}: nothing to read (the file is empty, or only blank and # comment lines)` };
  let header: string[];
  let rows: string[][];
  let dataLines: number[];
  const second = records[1] ?? [];
  // A header row never holds a number or a time where the rows below it do.
  const holdsValues = first.some(isValue) && first.every((cell, k) => isValue(cell) || !isValue(second[k] ?? ""));
  if (holdsValues) {
    // No header row: a commented line just above with as many names is the header (gnuplot's
    // "# time temp"), else the columns are named by their place.
    const above = parsed.comments.filter((c) => c.before === skip).pop();
    const named = above ? tokenize(above.text, sep).records[0]?.map((h) => h.trim()) : undefined;
    const usable =
      named && named.length === first.length && !named.every(isValue) && new Set(named).size === named.length;
    header = usable ? named : first.map((_, k) => `col${k + 1}`);
    notes.push(
      usable
        ? `the first line holds values: the column names are the comment line above it (${header.join(", ")})`
        : `the file has no header row (its first line holds values): ${first.length === 1 ? "its column named col1" : `columns named col1..col${first.length}`}`,
    );
    [rows, dataLines] = [records, lines];
  } else {
    // An unnamed column (R's write.csv leaves its row names' unnamed) is named by its place.
    header = first.map((h, k) => (h.trim() === "" ? (k === 0 ? "row" : `col${k + 1}`) : h.trim()));
    const units = unitRows(records.slice(1));
    if (units > 0)
      notes.push(
        `line${units === 1 ? "" : "s"} ${lines.slice(1, 1 + units).join(", ")} below the header hold${units === 1 ? "s" : ""} units or labels, no values: skipped`,
      );
    [rows, dataLines] = [records.slice(1 + units), lines.slice(1 + units)];
    if (rows.length > 0 && rows.every((r) => r.length === header.length + 1 && r[header.length]?.trim() === "")) {
      // Each row ends with a separator (some exporters write one): nothing after it.
      for (const r of rows) r.pop();
    } else if (rows.length > 0 && rows.every((r) => r.length === header.length + 1)) {
      // R's write.table: a header one short, each row led by its name.
      let name = "row";
      while (header.includes(name)) name += "_";
      header = [name, ...header];
      notes.push(`the header has one name fewer than the rows: the first column is row names, called "${name}"`);
    }
  }
  const dup = header.find((n, k) => header.indexOf(n) !== k);
  if (dup !== undefined) return { problem: `${source}: column ${JSON.stringify(dup)} appears twice in the header` };
  const bad = rows.findIndex((r) => r.length !== header.length);
  if (bad >= 0) {
    const how = sep === "blanks" ? "blank-separated " : "";
    return {
      problem: `${source}: line ${dataLines[bad]} has ${rows[bad]?.length} ${how}cells, the header ${header.length}`,
    };
  }
  if (rows.length < 3) return { problem: `${source}: ${rows.length} data rows; a trace needs at least 3` };
  if (sep !== ",") readDecimalCommas(rows, header.length);
  return { header, rows, ...(notes.length > 0 ? { notes } : {}) };
}

/** Lines of a preamble at most (a logger's file header: station, program, ...). */
const MAX_PREAMBLE = 10;
/** Rows of units or labels under the header at most (TOA5's units and "Avg"/"Smp" rows). */
const MAX_UNIT_ROWS = 3;
const MISSING = /^(|na|n\/a|#n\/a|nan|null|none|-|\?)$/i;

/** Leading records whose count of cells is neither the table's nor one fewer (R's header). */
function preamble(records: readonly string[][]): number {
  const tally = new Map<number, number>();
  for (const r of records.slice(0, 200)) tally.set(r.length, (tally.get(r.length) ?? 0) + 1);
  const count = [...tally].reduce((a, b) => (b[1] > a[1] ? b : a), [0, 0])[0];
  let skip = 0;
  while (skip < Math.min(MAX_PREAMBLE, records.length - 4)) {
    const n = records[skip]?.length ?? 0;
    if (n === count || n === count - 1) break;
    skip++;
  }
  return skip;
}

/** Rows right under the header that hold no value, each with text where the first row of values has one (°C, Avg). */
function unitRows(rows: readonly string[][]): number {
  const data = rows.find((r) => r.some(isValue));
  if (!data) return 0;
  let n = 0;
  while (n < MAX_UNIT_ROWS && n < rows.length - 3) {
    const r = rows[n] as string[];
    if (r.some(isValue) || !r.some((cell, k) => !MISSING.test(cell.trim()) && isValue(data[k] ?? ""))) break;
    n++;
  }
  return n;
}

const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
const WHOLE = /^[+-]?\d+$/;

/**
 * A file not separated by commas may write decimals with one (3,14), as European locales do: in a
 * column of such numbers (whole numbers, gaps and at most 1 % other cells beside them) they are
 * read with a decimal point.
 */
function readDecimalCommas(rows: string[][], columns: number): void {
  for (let c = 0; c < columns; c++) {
    let commas = 0;
    let other = 0;
    for (const r of rows) {
      const cell = (r[c] ?? "").trim();
      if (DECIMAL_COMMA.test(cell)) commas++;
      else if (cell !== "" && !WHOLE.test(cell)) other++;
    }
    if (commas === 0 || other > 0.01 * rows.length) continue;
    for (const r of rows) if (DECIMAL_COMMA.test((r[c] ?? "").trim())) r[c] = (r[c] as string).replace(",", ".");
  }
}
