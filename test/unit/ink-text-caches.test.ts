/**
 * Issue 9: Ink 6.8 remembers every distinct text it measured or wrapped, for good, so a long
 * dashboard run grows without bound. The build-time patches (scripts/ink-patches/bounded-caches.ts)
 * bound both caches; here the patched modules are loaded next to stock ones and must give the
 * same answers on random texts while their caches stay at the limit. A probe that only exposes
 * the stock cache's size shows the unpatched growth this guards against.
 */
import "./ink-patches/force-color.ts";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { checkInkPatches, inkFile } from "../../scripts/ink-patches/index.ts";
import type { InkPatch } from "../../scripts/ink-patches/index.ts";
import { CACHE_LIMIT, measureTextBounded, wrapTextBounded } from "../../scripts/ink-patches/bounded-caches.ts";

type Measure = (text: string) => { width: number; height: number };
type Wrap = (text: string, maxWidth: number, wrapType: string) => string;
interface Loaded<F> {
  fn: F;
  cacheSize: () => number;
}

const dir = mkdtempSync(join(tmpdir(), "surge-ink-caches-"));
let loaded = 0;

/** Ink's module with `patch` applied (none: stock), bare imports pointed at Ink's own packages. */
async function load<F>(
  module: string,
  imports: readonly string[],
  patch?: (source: string) => string,
): Promise<Loaded<F>> {
  const path = inkFile(module);
  let text = readFileSync(path, "utf8");
  if (patch) text = patch(text);
  for (const spec of imports)
    text = text.replaceAll(`from '${spec}'`, `from ${JSON.stringify(import.meta.resolve(spec))}`);
  const file = join(dir, `${++loaded}-${module.split("/").at(-1)}`.replace(/\.js$/, ".mjs"));
  writeFileSync(file, text);
  const m = (await import(pathToFileURL(file).href)) as { default: F; cacheSize?: () => number };
  return { fn: m.default, cacheSize: m.cacheSize ?? (() => NaN) };
}

const measure = (patch?: (s: string) => string) => load<Measure>("ink/build/measure-text.js", ["widest-line"], patch);
const wrap = (patch?: (s: string) => string) =>
  load<Wrap>("ink/build/wrap-text.js", ["wrap-ansi", "cli-truncate"], patch);

/** Stock code plus an export of its cache size, nothing else: what the bound is measured against. */
const sizeProbe =
  (declaration: string) =>
  (source: string): string =>
    source.replace(
      declaration,
      `${declaration}\nexport const cacheSize = () => (cache instanceof Map ? cache.size : Object.keys(cache).length);`,
    );

/** Seeded texts like the dashboard's: numbers, colours, wide characters, several lines. */
function texts(count: number, seed: number): string[] {
  let s = seed;
  const next = (n: number): number => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const pieces = [
    "acked ",
    "12,345 rec/s",
    "\u001b[32m",
    "\u001b[39m",
    "p99 ",
    "界",
    "✓",
    " ",
    "\n",
    "device-data",
    "😀",
    "\u001b[1m",
  ];
  return Array.from({ length: count }, (_, i) => {
    let t = `${i} `;
    const parts = 1 + next(12);
    for (let p = 0; p < parts; p++) t += pieces[next(pieces.length)];
    return t;
  });
}

test("the cache patches apply to the installed Ink and refuse any other text", () => {
  checkInkPatches([measureTextBounded, wrapTextBounded]);
  for (const patch of [measureTextBounded, wrapTextBounded] as InkPatch[]) {
    const source = readFileSync(inkFile(patch.module), "utf8");
    assert.throws(() => patch.apply(source.replace("const cache", "let cache")), /ink patch/);
    assert.throws(() => patch.apply(patch.apply(source)), /ink patch/, "applied twice");
  }
});

test("measureText: same answers as stock, cache bounded (stock keeps every text)", async () => {
  const [stock, patched] = [
    await measure(sizeProbe("const cache = new Map();")),
    await measure(measureTextBounded.apply.bind(measureTextBounded)),
  ];
  const all = texts(3 * CACHE_LIMIT, 7);
  // Each text twice, far apart, so the second asks after its entry was evicted.
  for (const t of [...all, ...all.slice().reverse()]) assert.deepEqual(patched.fn(t), stock.fn(t), JSON.stringify(t));
  assert.ok(patched.cacheSize() <= CACHE_LIMIT, `patched cache ${patched.cacheSize()}`);
  assert.equal(stock.cacheSize(), new Set(all).size, "stock Ink keeps every distinct text");
  assert.ok(stock.cacheSize() > CACHE_LIMIT);
});

test("wrapText: same answers as stock for every wrap kind, cache bounded (stock keeps every text)", async () => {
  const [stock, patched] = [
    await wrap(sizeProbe("const cache = {};")),
    await wrap(wrapTextBounded.apply.bind(wrapTextBounded)),
  ];
  const kinds = ["wrap", "truncate", "truncate-end", "truncate-middle", "truncate-start"];
  const all = texts(3 * CACHE_LIMIT, 11);
  const asks = all.map((t, i) => [t, 1 + (i % 13), kinds[i % kinds.length]!] as const);
  for (const [t, width, kind] of [...asks, ...asks.slice().reverse()]) {
    assert.equal(patched.fn(t, width, kind), stock.fn(t, width, kind), JSON.stringify([t, width, kind]));
  }
  assert.ok(patched.cacheSize() <= CACHE_LIMIT, `patched cache ${patched.cacheSize()}`);
  assert.ok(stock.cacheSize() > 2 * CACHE_LIMIT, `stock cache ${stock.cacheSize()}`);
});
