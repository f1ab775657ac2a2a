/**
 * The shape of one build-time kafkajs patch, and the exact-text checks every patch uses. A patch
 * names the kafkajs file it rewrites; if the text it expects is not there (a kafkajs upgrade, a
 * hand edit), these throw and the build fails instead of silently shipping stock code.
 */

export interface KafkajsPatch {
  /** Short id, shown in errors. */
  name: string;
  /** The file as a require specifier, e.g. "kafkajs/src/protocol/encoder.js" (checked up front). */
  module: string;
  /** Returns the patched source; throws if the source is not the one the patch was written for. */
  apply(source: string): string;
}

/** The bundler's onLoad filter for a patch's module: its absolute path, with / or \\ separators. */
export function fileFilter(module: string): RegExp {
  const parts = module.split("/").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`${parts.join("[\\\\/]")}$`);
}

function occurrences(source: string, text: string): number {
  return source.split(text).length - 1;
}

function mismatch(patch: string, text: string, count: number, found: number): Error {
  return new Error(
    `kafkajs patch "${patch}": expected ${count} occurrence(s) of ${JSON.stringify(text.slice(0, 120))}, found ${found}; ` +
      "kafkajs changed (upgrade?): re-check the patch against the new source",
  );
}

/** Throws unless `text` occurs exactly `count` times in `source`. */
export function expectText(patch: string, source: string, text: string, count = 1): void {
  const found = occurrences(source, text);
  if (found !== count) throw mismatch(patch, text, count, found);
}

/** Replaces `find` with `replacement`, requiring exactly `count` occurrences (default 1). */
export function replaceExact(patch: string, source: string, find: string, replacement: string, count = 1): string {
  expectText(patch, source, find, count);
  return source.split(find).join(replacement);
}
