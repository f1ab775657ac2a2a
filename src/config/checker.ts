/** Collects every problem of one source (a YAML map, the environment, the flags) as one-line errors. */
import type { YamlMap } from "../common/is-map.ts";
import { closest } from "../common/suggest.ts";
import { describe, type Parser } from "../common/values.ts";

export class Checker {
  readonly errors: string[] = [];

  /** "where: problem, got value" */
  reject(where: string, problem: string, raw?: unknown): void {
    this.errors.push(raw === undefined ? `${where}: ${problem}` : `${where}: ${problem}, got ${describe(raw)}`);
  }

  /** Parses map[key] if present (null counts as absent); records the problem under path. */
  optional<T>(map: YamlMap, key: string, path: string, parse: Parser<T>): T | undefined {
    const raw = map[key];
    if (raw === undefined || raw === null) return undefined;
    const parsed = parse(raw);
    if (parsed.ok) return parsed.value;
    this.reject(path, parsed.problem, raw);
    return undefined;
  }

  /** Flags keys that are not in `known`, with a suggestion when one is close. */
  unknownKeys(map: YamlMap, known: readonly string[], parentPath?: string): void {
    for (const key of Object.keys(map)) {
      if (known.includes(key)) continue;
      const guess = closest(key, known);
      const hint = guess ? ` (did you mean "${guess}"?)` : ` (expected one of: ${known.join(", ")})`;
      const line = `unknown key ${JSON.stringify(key)}${hint}`;
      this.errors.push(parentPath ? `${parentPath}: ${line}` : line);
    }
  }
}
