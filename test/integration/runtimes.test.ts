/** The same entry point, src/main.ts, runs under Bun, Node (tsx) and Deno in --dry-run. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { repoRoot } from "../helpers/broker.ts";
import { runProcess } from "../helpers/surge.ts";

const bin = (name: string): string => join(repoRoot, "node_modules/.bin", name);
const ARGS = ["--dry-run", "--scenario", "retail", "--count", "5000", "--rate", "max", "--no-tui", "--seed", "3"];

const RUNTIMES: Record<string, [string, string[]]> = {
  bun: [bin("bun"), ["src/main.ts", ...ARGS]],
  node: [process.execPath, ["--import", "tsx", "src/main.ts", ...ARGS]],
  deno: [bin("deno"), ["run", "-A", "src/main.ts", ...ARGS]],
};

for (const [name, [command, args]] of Object.entries(RUNTIMES)) {
  test(`${name} runs src/main.ts --dry-run to completion`, { timeout: 120_000 }, async () => {
    const r = await runProcess(command, args, { env: { ...process.env, NO_COLOR: "1" } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /generated 5,\d{3}\s+acked 5,\d{3}\s+failed 0\s+unsent 0/);
    assert.match(r.stdout, /temperature_reads: acked/);
    assert.match(r.stdout, /price_lookups: acked/);
  });
}
