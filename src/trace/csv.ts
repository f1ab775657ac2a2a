/** CSV text → header + rows of text cells (RFC 4180 quotes, comma or semicolon or tab separated). */

export interface CsvTable {
  header: string[];
  rows: string[][];
}

function separatorOf(firstLine: string): string {
  const counts = [",", ";", "\t"].map((s) => [s, firstLine.split(s).length] as const);
  return counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

/** Parses the whole text; a problem (no header, ragged rows) is one line. */
export function parseCsv(text: string, source: string): CsvTable | { problem: string } {
  const body = text.replace(/^\uFEFF/, "");
  const newline = body.indexOf("\n");
  const sep = separatorOf(newline < 0 ? body : body.slice(0, newline));
  const records: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  while (i < body.length) {
    const ch = body[i] as string;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === "") {
      quoted = true;
      i++;
      continue;
    }
    if (ch === sep) {
      row.push(cell);
      cell = "";
      i++;
      continue;
    }
    if (ch === "\n" || ch === "\r") {
      row.push(cell);
      cell = "";
      if (row.length > 1 || (row[0] ?? "") !== "") records.push(row);
      row = [];
      i += ch === "\r" && body[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    cell += ch;
    i++;
  }
  if (quoted) return { problem: `${source}: a quoted cell is never closed` };
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    records.push(row);
  }
  const [header, ...rows] = records;
  if (!header || header.length === 0)
    return { problem: `${source}: no header line (the first line must name the columns)` };
  const names = header.map((h) => h.trim());
  const dup = names.find((n, k) => names.indexOf(n) !== k);
  if (dup !== undefined) return { problem: `${source}: column ${JSON.stringify(dup)} appears twice in the header` };
  const bad = rows.findIndex((r) => r.length !== names.length);
  if (bad >= 0)
    return { problem: `${source}: line ${bad + 2} has ${rows[bad]?.length} cells, the header ${names.length}` };
  if (rows.length < 3) return { problem: `${source}: ${rows.length} data rows; a trace needs at least 3` };
  if (sep !== ",") readDecimalCommas(rows, names.length);
  return { header: names, rows };
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
