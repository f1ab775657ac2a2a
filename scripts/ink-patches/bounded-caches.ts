/**
 * ink/build/measure-text.js and wrap-text.js memoise every distinct text for the life of the
 * process, so a dashboard whose numbers change every frame grows without bound (issue 9). Both
 * caches keep at most CACHE_LIMIT entries here, oldest out first: Ink 8.0 bounds the same two
 * caches at 4096 (QuickLRU), but Ink 8 needs Node 22 and React 19.3. Results are unchanged; each
 * patched module also exports `cacheSize()` so tests can watch the bound.
 */
import { textChecks } from "./patch.ts";
import type { InkPatch } from "./patch.ts";

const { replaceExact } = textChecks("ink");

export const CACHE_LIMIT = 4096;

const EVICT = `if (cache.size >= ${CACHE_LIMIT}) cache.delete(cache.keys().next().value);`;
const SIZE = "export const cacheSize = () => cache.size;";

export const measureTextBounded: InkPatch = {
  name: "measure-text-bounded",
  module: "ink/build/measure-text.js",
  apply(source) {
    const declared = "const cache = new Map();\nconst measureText = (text) => {";
    let text = replaceExact(this.name, source, declared, declared.replace("\n", `\n${SIZE}\n`));
    text = replaceExact(
      this.name,
      text,
      "    cache.set(text, dimensions);",
      `    ${EVICT}\n    cache.set(text, dimensions);`,
    );
    return text;
  },
};

export const wrapTextBounded: InkPatch = {
  name: "wrap-text-bounded",
  module: "ink/build/wrap-text.js",
  apply(source) {
    let text = replaceExact(this.name, source, "const cache = {};", `const cache = new Map();\n${SIZE}`);
    text = replaceExact(
      this.name,
      text,
      "    const cachedText = cache[cacheKey];",
      "    const cachedText = cache.get(cacheKey);",
    );
    text = replaceExact(
      this.name,
      text,
      "    cache[cacheKey] = wrappedText;",
      `    ${EVICT}\n    cache.set(cacheKey, wrappedText);`,
    );
    return text;
  },
};
