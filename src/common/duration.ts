/** Durations as people type them: 500ms, 30s, 5m, 1h, 1h30m; a plain number means seconds. */

/** The longest sample interval (scenario, kind, fitted trace): traces are logged every week, month or quarter too. */
export const MAX_SAMPLE_INTERVAL_MS = 366 * 86_400_000;

export type DurationResult = { ok: true; ms: number } | { ok: false; problem: string };

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)/y;
const PLAIN = /^(\d+(?:\.\d+)?|\.\d+)$/;

export const DURATION_HINT = "must be a duration like 500ms, 30s, 5m or 1h30m (a plain number means seconds)";

/** Parses a duration into whole milliseconds (rounded); rejects negatives, empty and unknown units. */
export function parseDuration(input: string | number): DurationResult {
  if (typeof input === "number") {
    return Number.isFinite(input) && input >= 0
      ? { ok: true, ms: Math.round(input * 1000) }
      : { ok: false, problem: DURATION_HINT };
  }
  const text = input.trim().toLowerCase();
  if (PLAIN.test(text)) return { ok: true, ms: Math.round(Number(text) * 1000) };
  if (text === "") return { ok: false, problem: DURATION_HINT };

  let ms = 0;
  let lastUnit = Infinity;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text);
    if (!match) return { ok: false, problem: DURATION_HINT };
    const unit = UNIT_MS[match[2] ?? ""] ?? 0;
    // "30s5m" is almost certainly a typo: parts must go from larger to smaller units.
    if (unit >= lastUnit) return { ok: false, problem: `${DURATION_HINT}; units must go from larger to smaller` };
    lastUnit = unit;
    ms += Number(match[1]) * unit;
  }
  return { ok: true, ms: Math.round(ms) };
}

/** The shortest exact spelling of a duration, for help text and summaries: 90000 -> "1m30s". */
export function formatDuration(ms: number): string {
  if (ms === 0) return "0s";
  if (ms % 1000 !== 0) return `${ms}ms`;
  let rest = ms / 1000;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s ? `${s}s` : ""}`;
}
