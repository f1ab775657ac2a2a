/** The runtime's own "collect garbage now", where it offers one without flags. */

interface BunGc {
  gc(force: boolean): void;
}

/**
 * Bun: `Bun.gc(false)` asks JSC for a collection and returns at once (the marking runs beside the
 * program). Node and Deno expose `gc` only with --expose-gc; without it there is nothing to ask
 * (V8's young generation already frees short-lived garbage early) and the limit only watches.
 */
export function runtimeCollector(): (() => void) | undefined {
  const bun = (globalThis as { Bun?: BunGc }).Bun;
  if (bun && typeof bun.gc === "function") return () => bun.gc(false);
  const gc = (globalThis as { gc?: () => void }).gc;
  return typeof gc === "function" ? () => gc() : undefined;
}

/** The resident set in bytes, or 0 where the runtime cannot tell. */
export function residentBytes(): number {
  try {
    return process.memoryUsage.rss();
  } catch {
    return 0;
  }
}
