// One share of the unit tests in ONE process: `node --import tsx scripts/unit-group.mjs I/N`.
// A process per test file spends about a second of CPU each loading tsx; a few processes that
// import many files each halve the unit tier's CPU. The dashboard's tests (test/unit/ui) get
// share 0 to themselves: they size a fake terminal that other files' tests would share.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const root = new URL("..", import.meta.url).pathname;
const [index, count] = (process.argv[2] ?? "").split("/").map(Number);
if (!Number.isInteger(index) || !Number.isInteger(count) || count < 2 || index < 0 || index >= count) {
  console.error("usage: node --import tsx scripts/unit-group.mjs I/N (N >= 2, 0 <= I < N)");
  process.exit(2);
}

function testFiles(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? testFiles(path) : /\.test\.tsx?$/.test(name) ? [path] : [];
    });
}

const all = testFiles(join(root, "test/unit"));
const isUi = (f) => f.includes(`${join("test", "unit", "ui")}/`);
const rest = all.filter((f) => !isUi(f));
const mine = index === 0 ? all.filter(isUi) : rest.filter((_, i) => i % (count - 1) === index - 1);
for (const file of mine) await import(pathToFileURL(file).href);
