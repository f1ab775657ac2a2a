/**
 * Execution segments (after k6's): a run split into shares [from, to) of the unit interval, exact
 * fractions, so that instances whose segments tile [0, 1) together own every device exactly once,
 * with no coordinator. Device d sits at point (d · golden) mod 2^32 of a ring of 2^32 slots and
 * belongs to the segment whose slots hold that point: neighbours compute the same boundary from
 * the same fraction, so nothing falls between two instances or into both, and the golden-ratio
 * step spreads consecutive devices over all the segments (striped, each near its share).
 */

/** n/d with 0 ≤ n ≤ d, in lowest terms. */
export interface Fraction {
  n: number;
  d: number;
}

export interface Segment {
  from: Fraction;
  to: Fraction;
}

/** Denominators up to this keep n·d products of 10M-device fleets exact in doubles. */
export const MAX_SEGMENT_DENOMINATOR = 100_000;

export const SEGMENT_HINT =
  "must be i/N (the i-th of N equal shares, counted from 0, like 0/4 ... 3/4) or FROM:TO fractions like 1/4:1/2";

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

function fraction(n: number, d: number): Fraction {
  const g = gcd(n, d) || 1;
  return { n: n / g, d: d / g };
}

function parseFraction(text: string): Fraction | undefined {
  const m = /^(\d{1,6})(?:\/(\d{1,6}))?$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const d = m[2] === undefined ? 1 : Number(m[2]);
  if (d === 0 || n > d || d > MAX_SEGMENT_DENOMINATOR) return undefined;
  return fraction(n, d);
}

const below = (a: Fraction, b: Fraction): boolean => a.n * b.d < b.n * a.d;

/** The i-th (from 0) of `count` equal shares. */
export function equalSegment(index: number, count: number): Segment {
  return { from: fraction(index, count), to: fraction(index + 1, count) };
}

/** "i/N" or "FROM:TO"; a problem ("must be ...") when the text is neither or the share is empty. */
export function parseSegment(text: string): { ok: true; value: Segment } | { ok: false; problem: string } {
  const trimmed = text.trim();
  if (trimmed.includes(":")) {
    const [a, b, ...rest] = trimmed.split(":");
    const from = parseFraction(a ?? "");
    const to = parseFraction(b ?? "");
    if (rest.length > 0 || !from || !to) return { ok: false, problem: SEGMENT_HINT };
    if (!below(from, to)) return { ok: false, problem: "must have FROM below TO (an empty share owns nothing)" };
    return { ok: true, value: { from, to } };
  }
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(trimmed);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count === 0 || count > MAX_SEGMENT_DENOMINATOR) return { ok: false, problem: SEGMENT_HINT };
  if (index >= count)
    return {
      ok: false,
      problem: `must have i below N (shares are counted from 0: 0/${count} ... ${count - 1}/${count})`,
    };
  return { ok: true, value: equalSegment(index, count) };
}

const fractionText = (f: Fraction): string => (f.d === 1 ? `${f.n}` : `${f.n}/${f.d}`);

/** "1/4:1/2", the rational form parseSegment reads back. */
export function segmentText(s: Segment): string {
  return `${fractionText(s.from)}:${fractionText(s.to)}`;
}

export const isWhole = (s: Segment): boolean => s.from.n === 0 && s.to.n === s.to.d;

const RING = 2 ** 32;
/** 2^32 / φ, odd: a step that visits every slot once and spreads neighbours far apart. */
const GOLDEN = 2654435769;

/** The slot where a fraction of the ring begins (monotone, the same for every instance). */
const boundary = (f: Fraction): number => (f.n === f.d ? RING : Math.floor((f.n * RING) / f.d));

/** The point of item `item` on the ring (exact: imul wraps at 2^32). */
const slotOf = (item: number): number => Math.imul(item, GOLDEN) >>> 0;

export function owns(s: Segment, item: number): boolean {
  const slot = slotOf(item);
  return slot >= boundary(s.from) && slot < boundary(s.to);
}

/** The items of [0, total) the segment owns, in order. */
export function ownedItems(s: Segment, total: number): Int32Array {
  const lo = boundary(s.from);
  const hi = boundary(s.to);
  const out: number[] = [];
  for (let item = 0; item < total; item++) {
    const slot = slotOf(item);
    if (slot >= lo && slot < hi) out.push(item);
  }
  return Int32Array.from(out);
}

/** How many of the items [0, total) the segment owns. */
export const ownedCount = (s: Segment, total: number): number => ownedItems(s, total).length;

/**
 * The segment's part of a total that has no identity (--count events): floor(total·to) −
 * floor(total·from), so the parts of a tiling add up to the total exactly.
 */
export function partOf(s: Segment, total: number): number {
  return Math.floor((total * s.to.n) / s.to.d) - Math.floor((total * s.from.n) / s.from.d);
}

/** Whether segments tile [0, 1) exactly: no gap, no overlap (a fleet's run is complete). */
export function tilesWhole(segments: readonly Segment[]): boolean {
  const sorted = [...segments].sort((a, b) => a.from.n * b.from.d - b.from.n * a.from.d);
  let at: Fraction = { n: 0, d: 1 };
  for (const s of sorted) {
    if (s.from.n * at.d !== at.n * s.from.d) return false;
    at = s.to;
  }
  return at.n === at.d;
}

/**
 * The index-th of `count` equal parts of a share (--workers: worker k of an instance's segment, or
 * of the whole run when it has none). The parts tile the share exactly, so the workers of all the
 * instances still tile the fleet; undefined when a denominator would outgrow what verify reads back.
 */
export function subSegment(share: Segment | undefined, index: number, count: number): Segment | undefined {
  const whole = share ?? { from: { n: 0, d: 1 }, to: { n: 1, d: 1 } };
  // from + (to − from)·k/count, over the common denominator d_from·d_to·count.
  const d = whole.from.d * whole.to.d * count;
  const width = whole.to.n * whole.from.d - whole.from.n * whole.to.d;
  const at = (k: number): Fraction => fraction(whole.from.n * whole.to.d * count + width * k, d);
  const out = { from: at(index), to: at(index + 1) };
  return out.from.d > MAX_SEGMENT_DENOMINATOR || out.to.d > MAX_SEGMENT_DENOMINATOR ? undefined : out;
}
