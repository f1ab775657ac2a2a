// Runs surge's test tiers and prints each tier's time at the end.
//   node scripts/run-tests.mjs                 # npm test: set-up, then every tier below
//   node scripts/run-tests.mjs quick           # typecheck, lint, unit tests: no broker, no JVM
//   node scripts/run-tests.mjs unit|integration|e2e|cluster   # one tier (set-up first for the last three)
// integration and e2e share one local broker (scripts/kafka/up.sh reuses a running one); cluster
// holds the tests that start brokers of their own (faults, freezes, kills, restarts).
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;

function testFiles(dir) {
  const out = [];
  let entries = [];
  try {
    entries = readdirSync(join(root, dir));
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) out.push(...testFiles(rel));
    else if (name.endsWith(".test.ts") || name.endsWith(".test.tsx")) out.push(rel);
  }
  return out;
}

/** One command; returns true when it exits 0. */
function run(command, args) {
  const r = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  return r.status === 0;
}

/** Node's test runner over a folder. Unit files are pure, so they run side by side. */
function nodeTests(dir, concurrency) {
  const files = testFiles(dir);
  if (files.length === 0) {
    console.error(`no test files in ${dir}`);
    return false;
  }
  return run(process.execPath, ["--import", "tsx", "--test", `--test-concurrency=${concurrency}`, ...files]);
}

/** The unit tests in a few processes side by side (scripts/unit-group.mjs says why). */
function unitGroups() {
  const count = Math.max(3, availableParallelism() + 1);
  const script = join(root, "scripts/unit-group.mjs");
  return together(
    Array.from({ length: count }, (_, i) => [process.execPath, ["--import", "tsx", script, `${i}/${count}`]]),
  );
}

/** Commands side by side (typecheck and lint are one core each); true when all exit 0. */
async function together(commands) {
  const codes = await Promise.all(
    commands.map(
      ([command, args]) =>
        new Promise((resolve) => {
          const child = spawn(command, args, { cwd: root, stdio: "inherit" });
          child.on("error", () => resolve(1));
          child.on("exit", (code) => resolve(code ?? 1));
        }),
    ),
  );
  return codes.every((c) => c === 0);
}

let built = false;
/** dist/surge, which the broker tiers drive (built once per run). */
function build() {
  if (built) return true;
  built = run("npm", ["run", "-s", "build"]);
  return built;
}

/** Each step is [name, () => boolean]; a tier stops at its first failing step. */
const tiers = {
  setup: [["setup", () => run(process.execPath, [join(root, "scripts/setup/index.mjs")])]],
  quick: [
    // Through npm so that what `npm run lint` grows into (a format check) is part of the tier.
    [
      "typecheck+lint",
      () =>
        together([
          ["npm", ["run", "-s", "typecheck"]],
          ["npm", ["run", "-s", "lint"]],
        ]),
    ],
    ["unit", unitGroups],
  ],
  unit: [["unit", unitGroups]],
  integration: [
    ["build", build],
    ["integration", () => nodeTests("test/integration", 1)],
  ],
  e2e: [
    ["build", build],
    ["e2e", () => nodeTests("test/e2e", 1)],
  ],
  cluster: [
    ["build", build],
    ["cluster", () => nodeTests("test/cluster", 1)],
  ],
};

const asked = process.argv.slice(2);
for (const name of asked) {
  if (!(name in tiers) || name === "setup") {
    console.error(`run-tests: unknown tier "${name}" (one of: quick, unit, integration, e2e, cluster; none for all)`);
    process.exit(2);
  }
}
const names = asked.length > 0 ? asked : ["quick", "integration", "e2e", "cluster"];
// The broker tiers need Debian packages, the Kafka jars and HdrHistogram's tool: set up first.
if (names.some((n) => n !== "quick" && n !== "unit")) names.unshift("setup");

const results = [];
let failed = false;
for (const name of names) {
  const started = Date.now();
  const steps = [];
  let ok = true;
  for (const [step, fn] of tiers[name]) {
    if (name !== "setup") console.log(`\n==> ${name}: ${step}`);
    const t = Date.now();
    ok = await fn();
    steps.push(`${step} ${((Date.now() - t) / 1000).toFixed(1)} s`);
    if (!ok) break;
  }
  results.push({ name, seconds: (Date.now() - started) / 1000, ok, steps });
  if (!ok) failed = true;
  // The set-up said in one line what to run; a table under it would only bury that line.
  if (!ok && name === "setup") process.exit(1);
  // With a broken typecheck, lint or unit test the slow tiers are not worth their 10 minutes.
  if (!ok && name === "quick") break;
}

console.log("\ntier          time      result");
for (const r of results) {
  const detail = r.steps.length > 1 ? `  (${r.steps.join(", ")})` : "";
  console.log(`${r.name.padEnd(12)} ${r.seconds.toFixed(1).padStart(7)} s  ${r.ok ? "ok" : "FAILED"}${detail}`);
}
const total = results.reduce((s, r) => s + r.seconds, 0);
console.log(`${"total".padEnd(12)} ${total.toFixed(1).padStart(7)} s`);
process.exit(failed ? 1 : 0);
