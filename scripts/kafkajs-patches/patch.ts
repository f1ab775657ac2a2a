/**
 * The shape of one build-time kafkajs patch, and the exact-text replacement every patch uses.
 * A patch names the kafkajs file it rewrites; if the text it expects is not there (a kafkajs
 * upgrade, a hand edit), `replaceExact` throws and the build fails instead of silently shipping
 * stock code.
 */

export interface KafkajsPatch {
  /** Short id, shown in errors. */
  name: string;
  /** Which file (absolute path) this patch rewrites. */
  file: RegExp;
  /** Returns the patched source; throws if the source is not the one the patch was written for. */
  apply(source: string): string;
}

/** Replaces `find` with `replacement`, requiring exactly `count` occurrences (default 1). */
export function replaceExact(patch: string, source: string, find: string, replacement: string, count = 1): string {
  const found = source.split(find).length - 1;
  if (found !== count) {
    throw new Error(
      `kafkajs patch "${patch}": expected ${count} occurrence(s) of ${JSON.stringify(find.slice(0, 120))}, found ${found}; ` +
        "kafkajs changed (upgrade?): re-check the patch against the new source",
    );
  }
  return source.split(find).join(replacement);
}
