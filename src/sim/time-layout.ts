/**
 * Timestamps as traces write them: a layout of YYYY MM DD HH mm ss SSS tokens and literal text
 * ("YYYY-MM-DD HH:mm", "DD/MM/YYYY HH:mm:ss"), read and written as UTC; or epoch seconds / ms.
 * M, D and H are a month, day and hour of one or two digits (1/5/2024 9:05 is M/D/YYYY H:mm), q a
 * quarter (1974Q1 is YYYYQq).
 * Names: MMM/MMMM the month (Jan, January), read and written; ddd/dddd the weekday (Mon,
 * Monday), written (a reader skips the word).
 */

export type TimeFormat = { kind: "layout"; layout: string } | { kind: "epoch-s" } | { kind: "epoch-ms" };

const TOKENS = ["YYYY", "SSS", "MMMM", "MMM", "MM", "M", "DD", "D", "HH", "H", "mm", "ss", "dddd", "ddd", "q"] as const;
/** English names, as R's weekdays(), pandas' day_name() and spreadsheets write them. */
export const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
/** Tokens that are words: a month's is read, a weekday's skipped. */
const NAME_TOKENS: ReadonlySet<string> = new Set(["MMMM", "MMM", "dddd", "ddd"]);
/** Tokens of one or two digits. */
const SHORT_TOKENS: ReadonlySet<string> = new Set(["M", "D", "H"]);

/** January = 1 from "January" (full) or "Jan" ("Sept" too), any case; 0 for another word. */
function monthOfName(word: string, full: boolean): number {
  const w = word.toLowerCase();
  const i = MONTH_NAMES.findIndex((m) => {
    const name = m.toLowerCase();
    return full ? w === name : w === name.slice(0, 3) || (w === "sept" && name === "september");
  });
  return i + 1;
}
type Token = (typeof TOKENS)[number];
type Part = { token: Token } | { text: string };

function parts(layout: string): Part[] {
  const out: Part[] = [];
  let i = 0;
  while (i < layout.length) {
    const token = TOKENS.find((t) => layout.startsWith(t, i));
    if (token) {
      out.push({ token });
      i += token.length;
    } else {
      const last = out[out.length - 1];
      if (last && "text" in last) last.text += layout[i];
      else out.push({ text: layout[i] as string });
      i++;
    }
  }
  return out;
}

const pad = (n: number, w: number): string => String(n).padStart(w, "0");

/** A writer of epoch ms in the layout (UTC). */
export function layoutWriter(layout: string): (ms: number) => string {
  const ps = parts(layout);
  return (ms) => {
    const d = new Date(Math.floor(ms));
    return ps
      .map((p) => {
        if ("text" in p) return p.text;
        switch (p.token) {
          case "YYYY":
            return pad(d.getUTCFullYear(), 4);
          case "MM":
            return pad(d.getUTCMonth() + 1, 2);
          case "M":
            return String(d.getUTCMonth() + 1);
          case "DD":
            return pad(d.getUTCDate(), 2);
          case "D":
            return String(d.getUTCDate());
          case "q":
            return String(Math.floor(d.getUTCMonth() / 3) + 1);
          case "HH":
            return pad(d.getUTCHours(), 2);
          case "H":
            return String(d.getUTCHours());
          case "mm":
            return pad(d.getUTCMinutes(), 2);
          case "ss":
            return pad(d.getUTCSeconds(), 2);
          case "SSS":
            return pad(d.getUTCMilliseconds(), 3);
          case "MMMM":
            return MONTH_NAMES[d.getUTCMonth()] as string;
          case "MMM":
            return (MONTH_NAMES[d.getUTCMonth()] as string).slice(0, 3);
          case "dddd":
            return WEEKDAY_NAMES[d.getUTCDay()] as string;
          case "ddd":
            return (WEEKDAY_NAMES[d.getUTCDay()] as string).slice(0, 3);
        }
      })
      .join("");
  };
}

/** Layouts tried on a time column, most specific first. */
const CANDIDATES = [
  "YYYY-MM-DDTHH:mm:ss.SSSZ",
  "YYYY-MM-DDTHH:mm:ssZ",
  "YYYY-MM-DDTHH:mm:ss.SSS",
  "YYYY-MM-DDTHH:mm:ss",
  "YYYY-MM-DDTHH:mm",
  "YYYY-MM-DD HH:mm:ss.SSS",
  "YYYY-MM-DD HH:mm:ss",
  "YYYY-MM-DD HH:mm",
  "YYYY-MM-DD",
  "YYYY/MM/DD HH:mm:ss",
  "YYYY/MM/DD HH:mm",
  "YYYY/MM/DD",
  "DD/MM/YYYY HH:mm:ss",
  "DD/MM/YYYY HH:mm",
  "DD/MM/YYYY",
  "MM/DD/YYYY HH:mm:ss",
  "MM/DD/YYYY HH:mm",
  "MM/DD/YYYY",
  "DD.MM.YYYY HH:mm:ss",
  "DD.MM.YYYY HH:mm",
  "DD.MM.YYYY",
  "DD-MM-YYYY HH:mm:ss",
  "DD-MM-YYYY HH:mm",
  "DD-MM-YYYY",
  // Days and months of one or two digits (spreadsheets' 1/5/2024), after the padded forms so a
  // padded trace is written padded; day first when both fit, as for DD/MM.
  "D/M/YYYY H:mm",
  "D/M/YYYY",
  "M/D/YYYY H:mm",
  "M/D/YYYY",
  "D.M.YYYY",
  // Month names: 01-Jan-2024 (Oracle, Excel), Jan-1-1995, 1 Jan 2024, January 2024.
  "DD-MMM-YYYY HH:mm:ss",
  "DD-MMM-YYYY HH:mm",
  "DD-MMM-YYYY",
  "D-MMM-YYYY",
  "MMM-DD-YYYY",
  "MMM-D-YYYY",
  "DD MMM YYYY HH:mm:ss",
  "DD MMM YYYY",
  "D MMM YYYY",
  "MMM D YYYY",
  "MMM YYYY",
  "MMMM YYYY",
  // Quarters, as statistics offices write them: 1974Q1, 1974-Q1, 1974 Q1.
  "YYYYQq",
  "YYYY-Qq",
  "YYYY Qq",
  // Compact stamps, as weather services and loggers write them (numbers: read as times only in a
  // column named like a time or only rising).
  "YYYYMMDDHHmmss",
  "YYYYMMDDHHmm",
  "YYYYMMDD",
];

/** A time of day in a column of its own, beside a column of dates (as loggers often split them). */
const DAY_TIME_LAYOUTS = ["HH:mm:ss.SSS", "HH:mm:ss", "HH:mm", "HH.mm.ss"];

/** The layout every value of a column of times of day fits (read as ms after midnight), or undefined. */
export function detectDayTime(values: readonly string[]): string | undefined {
  const sample = values.filter((v) => v.trim() !== "").slice(0, 500);
  if (sample.length === 0) return undefined;
  return DAY_TIME_LAYOUTS.find((layout) => {
    const read = layoutReader(layout);
    return sample.every((v) => !Number.isNaN(read(v)));
  });
}

/** A reader of the layout: epoch ms (UTC), or NaN when the text does not fit. */
export function layoutReader(layout: string): (text: string) => number {
  const ps = parts(layout);
  const source = ps
    // Fractions of a second come with 1 to 9 digits (loggers write µs); they are read as ms.
    .map((p) =>
      "text" in p
        ? p.text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")
        : p.token === "SSS"
          ? "(\\d{1,9})"
          : NAME_TOKENS.has(p.token)
            ? "([A-Za-z]+)"
            : SHORT_TOKENS.has(p.token)
              ? "(\\d{1,2})"
              : p.token === "q"
                ? "([1-4])"
                : `(\\d{${p.token.length}})`,
    )
    .join("");
  const re = new RegExp(`^${source}$`);
  const tokens = ps.flatMap((p) => ("token" in p ? [p.token] : []));
  return (text) => {
    const m = re.exec(text.trim());
    if (!m) return NaN;
    const v: Partial<Record<Token, number>> = {};
    tokens.forEach((t, i) => {
      const text = m[i + 1] as string;
      if (t === "MMM" || t === "MMMM") v[t] = monthOfName(text, t === "MMMM");
      else if (!NAME_TOKENS.has(t)) v[t] = t === "SSS" ? Number(`0.${text}`) * 1000 : Number(text);
    });
    const month = v.MM ?? v.M ?? v.MMM ?? v.MMMM ?? (v.q === undefined ? 1 : (v.q - 1) * 3 + 1);
    const day = v.DD ?? v.D ?? 1;
    if (
      month < 1 ||
      month > 12 ||
      day < 1 ||
      day > 31 ||
      (v.HH ?? v.H ?? 0) > 23 ||
      (v.mm ?? 0) > 59 ||
      (v.ss ?? 0) > 60
    )
      return NaN;
    return Date.UTC(v.YYYY ?? 1970, month - 1, day, v.HH ?? v.H ?? 0, v.mm ?? 0, v.ss ?? 0, v.SSS ?? 0);
  };
}

/** The format every value of a column fits, or undefined: a time column's format. */
export function detectTimeFormat(values: readonly string[]): TimeFormat | undefined {
  const sample = values.filter((v) => v.trim() !== "").slice(0, 500);
  if (sample.length === 0) return undefined;
  for (const layout of CANDIDATES) {
    const read = layoutReader(layout);
    if (sample.every((v) => !Number.isNaN(read(v)))) return { kind: "layout", layout };
  }
  // Epoch numbers: seconds between 2001 and 2100, or milliseconds in the same span.
  const nums = sample.map(Number);
  if (nums.every((n) => Number.isInteger(n) && n >= 1e9 && n < 4.1e9)) return { kind: "epoch-s" };
  if (nums.every((n) => Number.isInteger(n) && n >= 1e12 && n < 4.1e12)) return { kind: "epoch-ms" };
  return undefined;
}

export function timeReader(f: TimeFormat): (text: string) => number {
  if (f.kind === "layout") return layoutReader(f.layout);
  const scale = f.kind === "epoch-s" ? 1000 : 1;
  return (text) => {
    const n = Number(text);
    return text.trim() === "" || !Number.isFinite(n) ? NaN : n * scale;
  };
}
