/** Text charts: sparklines and horizontal bars, one character cell per step. */

const SPARKS = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] as const;
const EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"] as const;

/** The last `width` values as a sparkline scaled to their own peak; zero is a blank cell. */
export function sparkline(values: readonly number[], width: number): string {
  const shown = values.slice(Math.max(0, values.length - width));
  const peak = Math.max(0, ...shown);
  let out = " ".repeat(Math.max(0, width - shown.length));
  for (const v of shown) {
    if (!(v > 0) || peak === 0) out += " ";
    else out += SPARKS[Math.min(7, Math.max(0, Math.ceil((v / peak) * 8) - 1))];
  }
  return out;
}

/** A bar of value/full of `width` cells, in eighths of a cell, padded to `width`. */
export function bar(value: number, full: number, width: number): string {
  if (width <= 0) return "";
  const eighths = full > 0 ? Math.round((Math.min(value, full) / full) * width * 8) : 0;
  const whole = Math.floor(eighths / 8);
  const text = "█".repeat(whole) + EIGHTHS[eighths % 8];
  return text.padEnd(width, " ");
}
