/**
 * `file:` in a fleet's generator leaf → `values:`, the file's non-empty lines. Files are read here,
 * when the scenario is loaded, so the generators in src/sim stay pure (they never touch the disk).
 */
import { resolve } from "node:path";
import { isMap } from "../common/is-map.ts";
import { readProblem } from "./read-problem.ts";

/** Lines a catalog file may hold (zipf's `values` take as many). */
export const MAX_CATALOG_LINES = 100_000;

export interface FleetFileReader {
  readFile: (path: string) => string;
  cwd?: string | undefined;
}

/** A copy of `fleet` with every `{gen, file}` leaf's file inlined, and a problem per unreadable file. */
export function inlineFleetFiles(
  fleet: unknown,
  reader: FleetFileReader,
  where = "fleet",
): { fleet: unknown; errors: string[] } {
  const errors: string[] = [];
  const walk = (node: unknown, path: string): unknown => {
    if (Array.isArray(node)) return node.map((item, i) => walk(item, `${path}[${i}]`));
    if (!isMap(node)) return node;
    if (typeof node["gen"] === "string" && typeof node["file"] === "string" && node["values"] === undefined) {
      const { file, ...rest } = node;
      const lines = catalogLines(String(file), reader, `${path}.file`, errors);
      return lines ? { ...rest, values: lines } : node;
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value, `${path}.${key}`)]));
  };
  return { fleet: walk(fleet, where), errors };
}

function catalogLines(file: string, reader: FleetFileReader, where: string, errors: string[]): string[] | undefined {
  let text: string;
  try {
    text = reader.readFile(reader.cwd === undefined ? file : resolve(reader.cwd, file));
  } catch (error) {
    errors.push(`${where}: cannot read ${JSON.stringify(file)}: ${readProblem(error)}`);
    return undefined;
  }
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  if (lines.length === 0 || lines.length > MAX_CATALOG_LINES) {
    errors.push(
      `${where}: ${JSON.stringify(file)} must hold 1 to ${MAX_CATALOG_LINES} non-empty lines, got ${lines.length}`,
    );
    return undefined;
  }
  return lines;
}
