/**
 * dist/surge copied alone into an empty directory, run with an empty environment (no node on
 * PATH, no node_modules anywhere near): --help, --dry-run and a real run to the broker.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ensureBroker } from "../helpers/broker.ts";
import { consumeAll } from "../helpers/consume.ts";
import { runProcess, surgeBinary, uniquePrefix } from "../helpers/surge.ts";

let dir = "";
let alone = "";
let brokers = "";
const bare = { PATH: "/nonexistent" };

before(async () => {
  brokers = await ensureBroker();
  dir = await mkdtemp(join(tmpdir(), "surge-alone-"));
  alone = join(dir, "surge");
  await copyFile(surgeBinary, alone);
});
after(() => rm(dir, { recursive: true, force: true }));

test("alone: --help and --version", async () => {
  const help = await runProcess(alone, ["--help"], { cwd: dir, env: bare });
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /--scenario NAME\|PATH/);
  const version = await runProcess(alone, ["--version"], { cwd: dir, env: bare });
  assert.match(version.stdout, /^surge \d+\.\d+\.\d+/);
});

test("alone: --dry-run of every built-in scenario", async () => {
  for (const scenario of ["industrial", "retail", "lab", "cameras"]) {
    const r = await runProcess(alone, ["--dry-run", "--scenario", scenario, "--count", "2000", "--rate", "max"], {
      cwd: dir,
      env: bare,
    });
    assert.equal(r.code, 0, `${scenario}: ${r.stderr}`);
    assert.match(r.stdout, /generated [\d,]+\s+acked [\d,]+\s+failed 0\s+unsent 0/);
  }
});

test("alone: produces to the real broker", { timeout: 120_000 }, async () => {
  const prefix = uniquePrefix("alone");
  // lab writes exactly one record per device event (a camera may report a burst of motion events).
  const r = await runProcess(
    alone,
    ["--brokers", brokers, "--scenario", "lab", "--count", "500", "--rate", "max", "--topic-prefix", prefix],
    { cwd: dir, env: bare },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal((await consumeAll(brokers, `${prefix}sensor-data`)).length, 500);
});

test(
  "alone: --memory-limit off keeps the process id and stdio, with the allocator setting",
  { timeout: 60_000 },
  async () => {
    const args = [
      "--dry-run",
      "--no-tui",
      "--scenario",
      "lab",
      "--rate",
      "100",
      "--duration",
      "20s",
      "--memory-limit",
      "off",
    ];
    const child = spawn(alone, args, {
      cwd: dir,
      env: bare,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // The start line comes from the process after its second start: the same pid, the same pipes.
    for (let i = 0; i < 100 && !stdout.includes("dry run"); i++) await new Promise((r) => setTimeout(r, 100));
    const environ = (await readFile(`/proc/${child.pid}/environ`, "utf8")).split("\0");
    child.kill("SIGINT");
    assert.equal(await exited, 0, "a SIGINT to the same pid ends the run cleanly");
    assert.ok(environ.includes("MIMALLOC_PURGE_DELAY=-1"), environ.join(" "));
    assert.ok(environ.includes("PATH=/nonexistent"), "the caller's environment is kept");
  },
);
