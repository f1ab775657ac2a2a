/**
 * ink/build/output.js: `get()` first tries the fast path of ./fast-output.ts and runs its stock
 * body only when that declines. The patched module imports fast-output.ts by absolute path (the
 * bundler inlines it) and hands it Ink's own string-width and ansi-tokenize.
 */
import { fileURLToPath } from "node:url";
import { textChecks } from "./patch.ts";
import type { InkPatch } from "./patch.ts";

const { expectText, replaceExact } = textChecks("ink");

/** fast-output.ts on disk; the patched output.js imports it from there. */
export const FAST_OUTPUT_FILE = fileURLToPath(new URL("./fast-output.ts", import.meta.url));

const STOCK_IMPORT =
  "import { styledCharsFromTokens, styledCharsToString, tokenize, } from '@alcalzone/ansi-tokenize';";
const STOCK_GET = `    get() {
        // Initialize output array with a specific set of rows, so that margin/padding at the bottom is preserved`;

/** Stock behaviour the fast path reproduces; if any of it changes, the patch must be re-checked. */
const RELIED_ON = [
  "import stringWidth from 'string-width';",
  `        if (!text) {
            return;
        }`,
  "                let lines = text.split('\\n');",
  `                    for (const transformer of transformers) {
                        line = transformer(line, index);
                    }
                    const characters = this.caches.getStyledChars(line);`,
  "const characterWidth = Math.max(1, this.caches.getStringWidth(character.value));",
  "return styledCharsToString(lineWithoutEmptyItems).trimEnd();",
  `            height: output.length,`,
];

export const outputGetFast: InkPatch = {
  name: "output-get-fast",
  module: "ink/build/output.js",
  apply(source) {
    for (const text of RELIED_ON) expectText(this.name, source, text);
    const imported = replaceExact(
      this.name,
      source,
      STOCK_IMPORT,
      `${STOCK_IMPORT}
// patched by surge (output-get-fast)
import { reduceAnsiCodesIncremental } from '@alcalzone/ansi-tokenize';
import { createFastGet } from ${JSON.stringify(FAST_OUTPUT_FILE)};
const fastGet = createFastGet({ stringWidth, tokenize, reduceAnsiCodesIncremental });`,
    );
    return replaceExact(
      this.name,
      imported,
      STOCK_GET,
      `    get() {
        const fast = fastGet(this);
        if (fast !== undefined) {
            return fast;
        }
        // Initialize output array with a specific set of rows, so that margin/padding at the bottom is preserved`,
    );
  },
};
