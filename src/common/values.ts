/**
 * Value parsers shared by every room that reads what people type (scenario files, environment
 * variables, flags, fleet files). Each returns the typed value or a "must be ..." problem; the
 * caller adds where the value came from and what it was, so every source reports the same wording.
 */
import { DURATION_HINT, parseDuration } from "./duration.ts";

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };
export type Parser<T> = (raw: unknown) => Parsed<T>;

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const bad = <T>(problem: string): Parsed<T> => ({ ok: false, problem });

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** A number from YAML, or a string that spells one exactly ("1e3" yes, "12abc" and "" no). */
export function toNumber(raw: unknown): number | undefined {
  if (typeof raw === "number") return raw;
  if (typeof raw === "string" && NUMBER_TEXT.test(raw.trim())) return Number(raw.trim());
  return undefined;
}

/** How a rejected value is shown after "got": numbers bare, text quoted and cut short. */
export function describe(raw: unknown): string {
  if (raw === null || raw === undefined) return "nothing";
  if (typeof raw === "number" || typeof raw === "boolean") return String(raw);
  if (typeof raw === "string") {
    if (NUMBER_TEXT.test(raw.trim())) return raw.trim();
    return JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}...` : raw);
  }
  if (Array.isArray(raw)) return "a list";
  return typeof raw === "object" ? "a map" : typeof raw;
}

export function wholeNumber(min: number, max: number): Parser<number> {
  const problem = `must be a whole number from ${min} to ${max}`;
  return (raw) => {
    const n = toNumber(raw);
    return n !== undefined && Number.isInteger(n) && n >= min && n <= max ? ok(n) : bad(problem);
  };
}

export function numberAtLeast(min: number, label = `a number of at least ${min}`): Parser<number> {
  return (raw) => {
    const n = toNumber(raw);
    return n !== undefined && Number.isFinite(n) && n >= min ? ok(n) : bad(`must be ${label}`);
  };
}

export function durationValue(opts: { minMs: number; maxMs?: number }): Parser<number> {
  return (raw) => {
    if (typeof raw !== "string" && typeof raw !== "number") return bad(DURATION_HINT);
    const parsed = parseDuration(raw);
    if (!parsed.ok) return bad(parsed.problem);
    if (parsed.ms < opts.minMs)
      return bad(opts.minMs <= 1 ? "must be longer than 0" : `must be at least ${opts.minMs}ms`);
    if (opts.maxMs !== undefined && parsed.ms > opts.maxMs) return bad(`must be at most ${opts.maxMs / 1000}s`);
    return ok(parsed.ms);
  };
}

/** "a, b or c" */
export function listWords(words: readonly string[], last = "or"): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} ${last} ${words.at(-1)}`;
}

export function oneOf<T extends string>(choices: readonly T[]): Parser<T> {
  const problem = `must be ${listWords(choices)}`;
  return (raw) => {
    const text = typeof raw === "string" ? raw.trim().toLowerCase() : undefined;
    const found = choices.find((c) => c === text);
    return found === undefined ? bad(problem) : ok(found);
  };
}

/** Booleans from environment variables: the usual spellings, nothing else. */
export const booleanValue: Parser<boolean> = (raw) => {
  if (typeof raw === "boolean") return ok(raw);
  const text = typeof raw === "string" ? raw.trim().toLowerCase() : "";
  if (["1", "true", "yes", "on"].includes(text)) return ok(true);
  if (["0", "false", "no", "off"].includes(text)) return ok(false);
  return bad("must be true or false (or 1/0, yes/no, on/off)");
};

/** Free text on one line (names, client ids, file paths). */
export function textValue(maxLength: number): Parser<string> {
  return (raw) => {
    if (typeof raw !== "string" || raw.trim() === "") return bad("must be non-empty text");
    if (/[\r\n]/.test(raw)) return bad("must be on one line");
    return raw.length <= maxLength ? ok(raw.trim()) : bad(`must be at most ${maxLength} characters`);
  };
}
