/**
 * YAML text → plain data in time linear in its size. The yaml library's own duplicate-key check
 * compares each key with every earlier one of its map (20,000 keys took 21 s), so it is off and
 * the same check runs here with one Set per map.
 */
import { isScalar, LineCounter, parseDocument, visit } from "yaml";
import { restoreNumberLists, stashNumberLists } from "./number-lists.ts";

export type YamlText = { data: unknown } | { problem: string };

export function readYamlText(text: string, source: string): YamlText {
  // Long lists of numbers (a fitted fleet's tables) parsed as plain numbers; any doubt, and any
  // problem to report, goes through the whole text.
  const stashed = stashNumberLists(text);
  if (stashed) {
    const read = parseYamlText(stashed.text, source);
    if ("data" in read && restoreNumberLists(read.data, stashed.lists)) return read;
  }
  return parseYamlText(text, source);
}

function parseYamlText(text: string, source: string): YamlText {
  const lineCounter = new LineCounter();
  // merge: YAML merge keys (<<: *base) share a block between kinds, as most YAML tools allow.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, merge: true });
  const at = (offset: number): string => {
    const { line, col } = lineCounter.linePos(offset);
    return `${source}:${line}:${col}`;
  };
  const first = doc.errors[0];
  if (first)
    return { problem: `${at(first.pos[0])}: invalid YAML: ${first.message.split("\n")[0]?.trim() ?? "syntax error"}` };
  let duplicate: string | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        if (seen.has(key.value)) {
          duplicate = `${at(key.range?.[0] ?? 0)}: invalid YAML: Map keys must be unique (${JSON.stringify(String(key.value).slice(0, 40))} appears twice)`;
          return visit.BREAK;
        }
        seen.add(key.value);
      }
      return undefined;
    },
  });
  if (duplicate) return { problem: duplicate };
  try {
    return { data: doc.toJS({ maxAliasCount: 100 }) };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { problem: `${source}: invalid YAML: ${message}` };
  }
}
