/**
 * The shape of one build-time Ink patch, and the exact-text checks every patch uses. A patch
 * names the Ink file it rewrites; if the text it expects is not there (an Ink upgrade, a hand
 * edit), these throw and the build fails instead of silently shipping stock code.
 */

export interface InkPatch {
  /** Short id, shown in errors. */
  name: string;
  /** The file as a require specifier, e.g. "ink/build/output.js" (checked up front). */
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

export interface TextChecks {
  /** Throws unless `text` occurs exactly `count` times in `source`. */
  expectText(patch: string, source: string, text: string, count?: number): void;
  /** Replaces `find` with `replacement`, requiring exactly `count` occurrences (default 1). */
  replaceExact(patch: string, source: string, find: string, replacement: string, count?: number): string;
}

/** The exact-text checks, with errors that name the patched library. */
export function textChecks(library: string): TextChecks {
  const expectText = (patch: string, source: string, text: string, count = 1): void => {
    const found = occurrences(source, text);
    if (found === count) return;
    throw new Error(
      `${library} patch "${patch}": expected ${count} occurrence(s) of ${JSON.stringify(text.slice(0, 120))}, found ${found}; ` +
        `${library} changed (upgrade?): re-check the patch against the new source`,
    );
  };
  const replaceExact = (patch: string, source: string, find: string, replacement: string, count = 1): string => {
    expectText(patch, source, find, count);
    return source.split(find).join(replacement);
  };
  return { expectText, replaceExact };
}

/** The part of Bun's PluginBuilder the patches use. */
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
