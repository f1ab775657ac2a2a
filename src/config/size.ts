/** Byte sizes: 65536, 64k, 1m, 1g (binary multiples; a plain number means bytes). */

export type SizeResult = { ok: true; bytes: number } | { ok: false; problem: string };

const MULTIPLIER: Record<string, number> = {
  "": 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};
const SIZE = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/;

export const SIZE_HINT = "must be a size in bytes like 65536, 64k or 1m";

export function parseSize(input: string | number): SizeResult {
  if (typeof input === "number") {
    return Number.isInteger(input) && input >= 0 ? { ok: true, bytes: input } : { ok: false, problem: SIZE_HINT };
  }
  const match = SIZE.exec(input.trim().toLowerCase());
  const multiplier = match ? MULTIPLIER[match[2] ?? ""] : undefined;
  if (!match || multiplier === undefined) return { ok: false, problem: SIZE_HINT };
  const bytes = Number(match[1]) * multiplier;
  return Number.isInteger(bytes) ? { ok: true, bytes } : { ok: false, problem: SIZE_HINT };
}

/** 65536 -> "64k", 1048576 -> "1m", 1000 -> "1000". */
export function formatSize(bytes: number): string {
  for (const [suffix, unit] of [
    ["g", 1024 ** 3],
    ["m", 1024 ** 2],
    ["k", 1024],
  ] as const) {
    if (bytes >= unit && bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}
