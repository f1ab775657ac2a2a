/** Short number forms for table cells: they must fit their column at any run length. */
import { duration, thousands } from "../report/format.ts";

/** 9,999,999 and below in full, then 12.3M / 1.23G. */
export function compact(n: number): string {
  if (n < 10_000_000) return thousands(n);
  if (n < 1e9) return `${(n / 1e6).toFixed(n < 1e8 ? 1 : 0)}M`;
  return `${(n / 1e9).toFixed(2)}G`;
}

/** 12.3k style for chart labels. */
export function short(n: number): string {
  if (n < 1000) return Math.round(n).toString();
  if (n < 1e6) return `${(n / 1e3).toFixed(n < 1e4 ? 1 : 0)}k`;
  return `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)}M`;
}

/** Keeps the end of a name (topic prefixes are alike, suffixes differ). */
export function tail(text: string, width: number): string {
  if (width <= 0) return "";
  if (text.length <= width) return text;
  return width === 1 ? "…" : `…${text.slice(text.length - width + 1)}`;
}

/** "7s" / "1m05s" for a time span that only needs whole seconds. */
export function span(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return s < 60 ? `${s}s` : duration(s * 1000);
}
