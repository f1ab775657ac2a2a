/**
 * Build-time patches of kafkajs 2.2.4's producer hot path, for the compiled binary only: a Bun
 * build plugin rewrites a few kafkajs modules as they are bundled (node_modules is never
 * touched; Node/Deno dev runs keep stock kafkajs). Every patch keeps kafkajs' bytes on the wire
 * identical (test/unit/kafkajs-patches.test.ts compares them with stock on random input) and
 * fails the build if the kafkajs source is not the text it was written against.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { crc32cSlicing } from "./crc32c-slicing.ts";
import { encoderAllocUnsafe } from "./encoder-alloc-unsafe.ts";
import { encoderCopy } from "./encoder-copy.ts";
import { encoderVarint } from "./encoder-varint.ts";
import { groupMessagesLinear } from "./group-messages-linear.ts";
import { fileFilter } from "./patch.ts";
import type { KafkajsPatch } from "./patch.ts";
import { produceV3NoTimestamps } from "./produce-v3-no-timestamps.ts";
import { produceV3OneBuffer } from "./produce-v3-one-buffer.ts";
import { recordBatchOneBuffer } from "./record-batch-one-buffer.ts";
import { recordV0Fast } from "./record-v0-fast.ts";
import { requestOneBuffer } from "./request-one-buffer.ts";

export type { KafkajsPatch } from "./patch.ts";

/**
 * Applied in this order; several may rewrite the same file. Measured on the encode path
 * (group by partition + produce v7 + framing, 512 x ~530 B JSON per request, Bun 1.4.5):
 * stock 5.7 us/msg, all patches 0.93 us/msg; removing one patch costs (us/msg): varint +1.0,
 * crc32c +0.9, copy +0.47, produce one-buffer +0.45, record-batch one-buffer +0.37,
 * group-messages +0.35, record fast path +0.33, request one-buffer +0.15, allocUnsafe +0.12,
 * produce no-timestamps +0.05.
 */
export const PATCHES: readonly KafkajsPatch[] = [
  encoderAllocUnsafe,
  encoderVarint,
  encoderCopy,
  crc32cSlicing,
  recordV0Fast,
  recordBatchOneBuffer,
  produceV3NoTimestamps,
  produceV3OneBuffer,
  requestOneBuffer,
  groupMessagesLinear,
];

/** The part of Bun's PluginBuilder this plugin uses. */
export interface PluginBuild {
  onLoad(
    options: { filter: RegExp; namespace?: string },
    callback: (args: { path: string }) => { contents: string; loader: "js" },
  ): void;
}

export interface BunPlugin {
  name: string;
  setup(build: PluginBuild): void;
}

/** The patches that rewrite `path` (an absolute file path). */
export function patchesFor(path: string, patches: readonly KafkajsPatch[] = PATCHES): KafkajsPatch[] {
  return patches.filter((patch) => fileFilter(patch.module).test(path));
}

/** `source` (the stock text of `path`) with every matching patch applied; throws if one does not fit. */
export function patchSource(path: string, source: string, patches: readonly KafkajsPatch[] = PATCHES): string {
  return patchesFor(path, patches).reduce((text, patch) => patch.apply(text), source);
}

/** One alternation of every patched file, so Bun only calls back for those. */
function combinedFilter(patches: readonly KafkajsPatch[]): RegExp {
  return new RegExp(patches.map((patch) => `(?:${fileFilter(patch.module).source})`).join("|"));
}

/**
 * Fails unless every patch's module resolves and the patch applies to it. onLoad
 * alone would never hear of a file that moved, and its patch would be skipped without a word.
 */
export function checkPatches(patches: readonly KafkajsPatch[] = PATCHES): void {
  const require = createRequire(import.meta.url);
  for (const patch of patches) {
    const path = require.resolve(patch.module);
    patchSource(path, readFileSync(path, "utf8"), patches);
  }
}

export function kafkajsPatchesPlugin(patches: readonly KafkajsPatch[] = PATCHES): BunPlugin {
  return {
    name: "kafkajs-patches",
    setup(build) {
      checkPatches(patches);
      build.onLoad({ filter: combinedFilter(patches), namespace: "file" }, ({ path }) => ({
        contents: patchSource(path, readFileSync(path, "utf8"), patches),
        loader: "js",
      }));
    },
  };
}

export const kafkajsPatches: BunPlugin = kafkajsPatchesPlugin();
