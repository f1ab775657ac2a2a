/**
 * Ink's Output class, stock and patched, loaded side by side under Node. The patched one is the
 * real patched text of ink/build/output.js, written to a temporary module whose bare imports point
 * at the packages Ink itself resolves (they are hoisted: Ink has no nested node_modules).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { inkFile, patchInkSource } from "../../../scripts/ink-patches/index.ts";
import { FAST_OUTPUT_FILE } from "../../../scripts/ink-patches/output-get-fast.ts";

export type Transformer = (line: string, index: number) => string;
export type Clip = { x1?: number; x2?: number; y1?: number; y2?: number };
export type Op =
  | { type: "write"; x: number; y: number; text: string; transformers: Transformer[] }
  | { type: "clip"; clip: Clip }
  | { type: "unclip" };

export interface OutputInstance {
  width: number;
  height: number;
  operations: Op[];
  write(x: number, y: number, text: string, options: { transformers: Transformer[] }): void;
  clip(clip: Clip): void;
  unclip(): void;
  get(): { output: string; height: number };
}
export type OutputClass = new (options: { width: number; height: number }) => OutputInstance;

export const OUTPUT_JS = inkFile("ink/build/output.js");
const IMPORTS = ["slice-ansi", "string-width", "@alcalzone/ansi-tokenize"];
const dir = mkdtempSync(join(tmpdir(), "surge-ink-patches-"));
let loaded = 0;

export async function stockOutput(): Promise<OutputClass> {
  return ((await import(pathToFileURL(OUTPUT_JS).href)) as { default: OutputClass }).default;
}

/** The patched Output; `fastOutputSource` replaces fast-output.ts (mutant tests). */
export async function patchedOutput(fastOutputSource?: string): Promise<OutputClass> {
  let text = patchInkSource(OUTPUT_JS, readFileSync(OUTPUT_JS, "utf8"));
  const n = ++loaded;
  if (fastOutputSource !== undefined) {
    const file = join(dir, `fast-output-${n}.ts`);
    writeFileSync(file, fastOutputSource);
    text = text.replace(JSON.stringify(FAST_OUTPUT_FILE), JSON.stringify(file));
  }
  for (const spec of IMPORTS) {
    if (existsSync(join(dirname(OUTPUT_JS), "..", "node_modules", spec))) throw new Error(`ink has its own ${spec}`);
    text = text.replaceAll(`from '${spec}'`, `from ${JSON.stringify(import.meta.resolve(spec))}`);
  }
  const file = join(dir, `output-${n}.mjs`);
  writeFileSync(file, text);
  return ((await import(pathToFileURL(file).href)) as { default: OutputClass }).default;
}

/** Replays `ops` on a fresh Output of `Class`. */
export function draw(
  Class: OutputClass,
  width: number,
  height: number,
  ops: readonly Op[],
): { output: string; height: number } {
  const output = new Class({ width, height });
  for (const op of ops) {
    if (op.type === "write") output.write(op.x, op.y, op.text, { transformers: op.transformers });
    else if (op.type === "clip") output.clip(op.clip);
    else output.unclip();
  }
  return output.get();
}
