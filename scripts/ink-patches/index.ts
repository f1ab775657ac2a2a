/**
 * Build-time patches of Ink 6.8, for the compiled binary (build.ts) and the render benchmark
 * (scripts/bench-render.ts, as a Bun runtime plugin): node_modules is never touched and Node/Deno
 * source runs keep stock Ink. test/unit/ink-patches.test.ts checks that the patched Output draws
 * the same cells as stock; a patch whose Ink source is not the expected text fails the build.
 * These are the only build-time patches left (kafkajs's went with surge's own protocol, issue 15):
 * Ink 8 bounds the text caches itself but needs Node 22 and React 19.3, and Ink offers no way to
 * reach those module-private caches at run time. Until the runtimes allow Ink 8, the binary and
 * source runs differ in these render paths only (same drawing, tested), never on the wire.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileFilter } from "./patch.ts";
import type { BunPlugin, InkPatch } from "./patch.ts";
import { measureTextBounded, wrapTextBounded } from "./bounded-caches.ts";
import { outputGetFast } from "./output-get-fast.ts";

export type { InkPatch };
export type { BunPlugin, PluginBuild } from "./patch.ts";

/**
 * Output.get: see "Dashboard render cost" in BENCHMARKS.md for what it saves. The text caches:
 * bounded, so a long dashboard run keeps its memory flat (./bounded-caches.ts).
 */
export const INK_PATCHES: readonly InkPatch[] = [outputGetFast, measureTextBounded, wrapTextBounded];

/** Ink's package exports only its entry point, so its files are found next to it. */
export function inkFile(module: string): string {
  const entry = createRequire(import.meta.url).resolve("ink");
  return join(dirname(entry), module.replace(/^ink\/build\//, ""));
}

/** `source` (the stock text of `path`) with every patch for that file applied. */
export function patchInkSource(path: string, source: string, patches: readonly InkPatch[] = INK_PATCHES): string {
  return patches.filter((p) => fileFilter(p.module).test(path)).reduce((text, p) => p.apply(text), source);
}

/** Fails unless every patch applies to the installed Ink file it names. */
export function checkInkPatches(patches: readonly InkPatch[] = INK_PATCHES): void {
  for (const patch of patches) {
    const path = inkFile(patch.module);
    if (!fileFilter(patch.module).test(path))
      throw new Error(`ink patch "${patch.name}": ${path} does not match its filter`);
    patch.apply(readFileSync(path, "utf8"));
  }
}

export function inkPatchesPlugin(patches: readonly InkPatch[] = INK_PATCHES): BunPlugin {
  return {
    name: "ink-patches",
    setup(build) {
      checkInkPatches(patches);
      const filter = new RegExp(patches.map((p) => `(?:${fileFilter(p.module).source})`).join("|"));
      build.onLoad({ filter, namespace: "file" }, ({ path }) => ({
        contents: patchInkSource(path, readFileSync(path, "utf8"), patches),
        loader: "js",
      }));
    },
  };
}

export const inkPatches: BunPlugin = inkPatchesPlugin();
