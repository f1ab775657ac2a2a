// Runs the test suites with node's test runner: unit tests, then (after building dist/surge)
// the integration and end-to-end tests against the real local broker.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;

function testFiles(dir) {
  const out = [];
  let entries = [];
  try { entries = readdirSync(join(root, dir)); } catch { return out; }
  for (const name of entries.sort()) {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) out.push(...testFiles(rel));
    else if (name.endsWith(".test.ts") || name.endsWith(".test.tsx")) out.push(rel);
  }
  return out;
}

const only = process.argv[2]; // "unit" | "integration" | undefined (all)
const suites = only ? [`test/${only}`] : ["test/unit", "test/integration", "test/e2e"];
const files = suites.flatMap(testFiles);
if (files.length === 0) {
  console.error("no test files found");
  process.exit(1);
}
if (suites.some((s) => s !== "test/unit")) {
  const build = spawnSync("npm", ["run", "-s", "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const run = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=1", ...files], {
  cwd: root,
  stdio: "inherit",
});
process.exit(run.status ?? 1);
