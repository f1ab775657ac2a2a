// The soft limit in a real run under Bun: a limit below what Bun itself takes makes it collect,
// and the summary reports it; 0 turns it off.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const ROOT = join(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "surge-memory-"));

interface MemorySection {
  softLimitMb: number | null;
  peakRssMb: number;
  collections: number;
}

function run(limit: string): MemorySection {
  const summary = join(dir, `summary-${limit}.json`);
  const r = spawnSync(
    join(ROOT, "node_modules/.bin/bun"),
    [
      join(ROOT, "src/main.ts"),
      ...["--dry-run", "--no-tui", "--scenario", "lab", "--rate", "2000", "--duration", "1500ms", "--seed", "3"],
      ...["--memory-limit", limit, "--summary-json", summary],
    ],
    { cwd: dir, encoding: "utf8", timeout: 60_000 },
  );
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(readFileSync(summary, "utf8")) as { memory: MemorySection }).memory;
}

test("under Bun a limit below the process's RSS asks for collections, and 0 asks for none", () => {
  const low = run("64m");
  assert.equal(low.softLimitMb, 64);
  assert.ok(low.peakRssMb > 64, `peak ${low.peakRssMb} MB: Bun alone takes more than 64 MB`);
  assert.ok(low.collections >= 1, `collections ${low.collections}`);
  const off = run("0");
  assert.equal(off.softLimitMb, null);
  assert.equal(off.collections, 0);
  assert.ok(off.peakRssMb > 0);
});
