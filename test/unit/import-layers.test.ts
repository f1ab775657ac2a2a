/**
 * The house's shape: rooms (folders under src/) import only rooms on a lower floor, and no files
 * import each other in a circle. A new room gets a floor in FLOORS below.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { test } from "node:test";

const ROOT = resolve(new URL("../..", import.meta.url).pathname);
const SRC = join(ROOT, "src");

/** Floor of each room: a room may import rooms on lower floors only (never one beside or above it). */
const FLOORS: Record<string, number> = {
  common: 0,
  "version.ts": 0,
  config: 1,
  sim: 1,
  truth: 1,
  metrics: 1,
  memory: 1,
  kafka: 2,
  engine: 2,
  formats: 2,
  registry: 2,
  report: 3,
  exporters: 3,
  authoring: 3,
  e2e: 3,
  trace: 3,
  verify: 4,
  ui: 4,
  fleet: 4,
  cli: 5,
  "main.ts": 6,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
    });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"|import\(\s*"(\.[^"]+)"\s*\)/g;

/** Relative imports of a file, as absolute paths of the files they name. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(IMPORT)].map((m) => resolve(dirname(file), (m[1] ?? m[2]) as string));
}

const roomOf = (file: string): string => relative(SRC, file).split("/")[0] as string;
const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f).filter((t) => t.startsWith(SRC + "/"))]));

test("every room under src/ has a floor", () => {
  const rooms = [...new Set(files.map(roomOf))];
  assert.deepEqual(
    rooms.filter((r) => FLOORS[r] === undefined),
    [],
    "give the new room a floor in FLOORS (test/unit/import-layers.test.ts)",
  );
});

test("rooms import only rooms on a lower floor", () => {
  const upward: string[] = [];
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const from = roomOf(file);
      const to = roomOf(target);
      if (from === to) continue;
      if ((FLOORS[to] ?? Infinity) >= (FLOORS[from] ?? -Infinity))
        upward.push(`${relative(ROOT, file)} -> ${relative(ROOT, target)}`);
    }
  }
  assert.deepEqual(upward, []);
});

test("no files import each other in a circle", () => {
  // Tarjan's strongly connected components; any component of two or more files is a circle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(relative(ROOT, w));
      } while (w !== v);
      if (component.length > 1) circles.push(component.sort());
    }
  };
  for (const file of files) if (!index.has(file)) visit(file);
  assert.deepEqual(circles, []);
});

test("the pure rooms touch no disk: src/sim and src/common import no file-system module", () => {
  const impure = files
    .filter((f) => ["sim", "common"].includes(roomOf(f)))
    .filter((f) => /from\s+"(node:)?fs(\/promises)?"/.test(readFileSync(f, "utf8")))
    .map((f) => relative(ROOT, f));
  assert.deepEqual(impure, []);
});
