/**
 * Issue 8, defects 2, 3, 6 and 7 through the compiled binary (dry runs: no broker involved): absurd
 * rates, magnitudes, files and stdin lines never make surge run past its duration plus the flush
 * timeout, nor use more than 1 GB, nor echo control characters.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { repoRoot } from "../helpers/broker.ts";
import { surgeBinary } from "../helpers/surge.ts";

const GB = 1024 * 1024 * 1024;
/** The engine's default flush timeout: the longest a run may last past its duration. */
const FLUSH_TIMEOUT_MS = 30_000;

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
  peakRssBytes: number;
}

/** Runs dist/surge, feeding `stdin` (then keeping it open for `holdStdinMs`), and watches its peak RSS. */
function run(
  args: string[],
  stdin: Array<string | Buffer> = [],
  holdStdinMs = 0,
  killAfterMs = 120_000,
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(surgeBinary, args, { cwd: repoRoot, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let peakRssBytes = 0;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    const stderrChunks: Buffer[] = [];
    child.stderr.on("data", (d: Buffer) => stderrChunks.push(d));
    child.stdin.on("error", () => undefined);
    const watch = setInterval(() => {
      try {
        const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1];
        if (kb) peakRssBytes = Math.max(peakRssBytes, Number(kb) * 1024);
      } catch {
        // Already gone.
      }
    }, 50);
    const kill = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    for (const part of stdin) child.stdin.write(part);
    const close = setTimeout(() => child.stdin.end(), holdStdinMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(watch);
      clearTimeout(kill);
      clearTimeout(close);
      const bytes = Buffer.concat(stderrChunks);
      stderr = bytes.toString("utf8");
      // Anything that is not valid UTF-8 (a lone C1 byte such as 0x9b) would not survive the round trip.
      assert.ok(Buffer.from(stderr, "utf8").equals(bytes), "stderr is not valid UTF-8");
      resolve({ code, stdout, stderr, elapsedMs: performance.now() - started, peakRssBytes });
    });
  });
}

function assertBounded(o: Outcome, durationMs: number): void {
  assert.ok(
    o.elapsedMs < durationMs + FLUSH_TIMEOUT_MS,
    `ran ${Math.round(o.elapsedMs)} ms for a ${durationMs} ms run:\n${o.stdout.slice(-2000)}`,
  );
  assert.ok(o.peakRssBytes < GB, `peak RSS ${Math.round(o.peakRssBytes / 1024 / 1024)} MB`);
}

async function file(name: string, text: string | Buffer): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), "surge-limits-")), name);
  await writeFile(path, text);
  return path;
}

const DRY = ["--dry-run", "--no-tui"];

test(
  "rates above 1,000,000/s end at the duration: flag, profile and stdin (defect 2)",
  { timeout: 400_000 },
  async () => {
    for (const [args, stdin] of [
      [["--rate", "2000000"], []],
      [["--profile", "constant:2000000"], []],
      [["--rate", "1000"], ["rate +300000%\n"]],
    ] as Array<[string[], string[]]>) {
      const o = await run([...DRY, ...args, "--duration", "2s"], stdin, 1000);
      assert.equal(o.code, 0, `${args.join(" ")}: ${o.stderr}`);
      assertBounded(o, 2000);
      assert.match(o.stdout, /^surge industrial: 2\.\ds at target /m, args.join(" "));
    }
  },
);

test(
  "duplicate x1000000 is refused on stdin and in a timeline; in range, memory stays bounded (defect 3)",
  { timeout: 200_000 },
  async () => {
    const o = await run(
      [...DRY, "--rate", "2000", "--duration", "3s"],
      ["inject duplicate 100% 2s x1000000\n", "inject duplicate 100% 2s x100\n"],
      500,
    );
    assert.equal(o.code, 0, o.stderr);
    assertBounded(o, 3000);
    assert.match(
      o.stderr,
      /^surge: inject duplicate: magnitude must be a whole number from 1 to 100 \(extra copies of each record\), got "x1000000"$/m,
    );
    assert.match(o.stderr, /^surge: duplicate started: all devices for 2s$/m);
    const path = await file(
      "dup.yaml",
      "model: lab\ndevices: 10\ntopics: {data: d}\ntimeline:\n  - at: 0s\n    inject: {kind: duplicate, magnitude: 1000000}\n",
    );
    const bad = await run([...DRY, "--scenario", path, "--duration", "1s"]);
    assert.equal(bad.code, 2);
    assert.equal(
      bad.stderr,
      `surge: timeline[0].inject.magnitude: must be a whole number from 1 to 100 (extra copies of each record), got 1000000\n`,
    );
  },
);

test(
  "large scenario files: refused in one line and fast, or read in bounded time (defect 6)",
  { timeout: 200_000 },
  async () => {
    const huge = await file("huge.yaml", Buffer.alloc(50 * 1024 * 1024, "#"));
    const o = await run([...DRY, "--scenario", huge, "--duration", "1s"]);
    assert.equal(o.code, 2);
    assert.equal(o.stderr, `surge: --scenario: cannot read "${huge}": the file is 50 MiB; at most 1 MiB is accepted\n`);
    assertBounded(o, 0);
    const entries = Array.from({ length: 10_001 }, (_, i) => `  - {at: ${i}ms, inject: {kind: spike}}\n`).join("");
    const long = await file("long.yaml", `model: lab\ndevices: 10\ntopics: {data: d}\ntimeline:\n${entries}`);
    const t = await run([...DRY, "--scenario", long, "--duration", "1s"]);
    assert.equal(t.code, 2);
    assert.equal(t.stderr, `surge: timeline: has 10001 entries; at most 10000\n`);
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: 1\n`).join("");
    const unknown = await file("keys.yaml", `model: lab\ndevices: 10\ntopics: {data: d}\n${keys}`);
    const u = await run([...DRY, "--scenario", unknown, "--duration", "1s"]);
    assert.equal(u.code, 2);
    const lines = u.stderr.trim().split("\n");
    assert.equal(lines.length, 21);
    assert.equal(lines.at(-1), "surge: ... and 19980 more problems");
    assertBounded(u, 0);
  },
);

test(
  "stdin: a 50 MB line is not held or echoed, random bytes echo no control characters (defect 7)",
  { timeout: 200_000 },
  async () => {
    const o = await run(
      [...DRY, "--rate", "100", "--duration", "3s"],
      [`rate ${"9".repeat(50_000_000)}\n`, "pause\n"],
      500,
    );
    assert.equal(o.code, 0, o.stderr.slice(0, 500));
    assertBounded(o, 3000);
    assert.ok(o.stderr.length < 4096, `stderr is ${o.stderr.length} bytes`);
    assert.match(o.stderr, /^surge: ignored a control line of 50000005 bytes \(at most 1024\)$/m);
    assert.match(o.stderr, /^surge: paused$/m);
    let seed = 42;
    const random = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < random.length; i++) random[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    const r = await run([...DRY, "--rate", "100", "--duration", "3s"], [random, "\npause\n"], 500);
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.stderr, /[\x00-\x09\x0b-\x1f\x7f-\x9f]/, "a control character reached the terminal");
    assert.match(r.stderr, /^surge: paused$/m);
    assert.ok(r.stderr.split("\n").length < 40, `${r.stderr.split("\n").length} lines of complaints`);
  },
);
