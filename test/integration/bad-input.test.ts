/**
 * Bad input through the compiled binary: one clear line naming what is wrong, a non-zero exit
 * (2 for usage and config errors, 1 for an unreachable broker), never a stack trace.
 */
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { runSurge } from "../helpers/surge.ts";

const STACK = /\n\s+at |Error: .*\n.*at /;

async function scenarioFile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "surge-bad-"));
  const path = join(dir, "fleet.yaml");
  await writeFile(path, text);
  return path;
}

function assertOneClearLine(stderr: string, pattern: RegExp): void {
  assert.doesNotMatch(stderr, STACK, `stack trace in:\n${stderr}`);
  const lines = stderr.trim().split("\n");
  assert.ok(
    lines.some((l) => pattern.test(l)),
    `no line matching ${pattern} in:\n${stderr}`,
  );
  for (const l of lines) assert.match(l, /^surge: /, `unexpected line: ${l}`);
}

test("unknown scenario: names it and lists the built-ins, exit 2", async () => {
  const r = await runSurge(["--scenario", "nope", "--dry-run"]);
  assert.equal(r.code, 2);
  assertOneClearLine(r.stderr, /unknown scenario "nope".*industrial/);
});

test("negative rate: names the flag, exit 2", async () => {
  const r = await runSurge(["--rate", "-5", "--dry-run"]);
  assert.equal(r.code, 2);
  assertOneClearLine(r.stderr, /--rate: .*-5/);
});

test("unknown flag: says so, exit 2", async () => {
  const r = await runSurge(["--rtae", "5"]);
  assert.equal(r.code, 2);
  assertOneClearLine(r.stderr, /unknown flag --rtae/);
});

test("unknown key in a scenario file: path of the key with a suggestion, exit 2", async () => {
  const path = await scenarioFile("model: lab\ndevcies: 10\ntopics:\n  data: t\n");
  const r = await runSurge(["--scenario", path, "--dry-run"]);
  assert.equal(r.code, 2);
  assertOneClearLine(r.stderr, /devcies.*did you mean "devices"/);
});

test("malformed YAML: one line with file, line and column, exit 2", async () => {
  const path = await scenarioFile("model: lab\ntopics:\n  data: [unclosed\n");
  const r = await runSurge(["--scenario", path, "--dry-run"]);
  assert.equal(r.code, 2);
  assertOneClearLine(r.stderr, /fleet\.yaml:\d+:\d+/);
  assert.equal(r.stderr.trim().split("\n").length, 1);
});

test("several bad fields are all reported at once", async () => {
  const path = await scenarioFile("model: lab\ndevices: -1\nsampleInterval: soon\ntopics:\n  data: 'bad topic!'\n");
  const r = await runSurge(["--scenario", path, "--dry-run"]);
  assert.equal(r.code, 2);
  for (const field of ["devices", "sampleInterval", "topics.data"]) assert.match(r.stderr, new RegExp(field));
});

test("bad model params are reported with their path, exit 2", async () => {
  const path = await scenarioFile("model: lab\ndevices: 10\ntopics:\n  data: t\nparams:\n  anomalyRatio: 2\n");
  const r = await runSurge(["--scenario", path, "--dry-run"]);
  assert.equal(r.code, 2);
  assertOneClearLine(r.stderr, /params\.anomalyRatio/);
});

test("unreachable broker: retries with backoff, then one clear line, exit 1", async () => {
  const started = Date.now();
  const r = await runSurge(["--brokers", "127.0.0.1:9", "--connect-timeout", "2s", "--count", "10", "--no-tui"]);
  assert.equal(r.code, 1);
  assertOneClearLine(r.stderr, /cannot connect to Kafka at 127\.0\.0\.1:9 after \d+ attempts/);
  assert.ok(Date.now() - started < 20_000);
});

test("the SASL password never appears in output, even when the run fails", async () => {
  const secret = "s3cr3t-Pa55word";
  const r = await runSurge(
    [
      "--brokers",
      "127.0.0.1:9",
      "--connect-timeout",
      "1s",
      "--count",
      "10",
      "--no-tui",
      "--sasl-mechanism",
      "plain",
      "--sasl-username",
      "bob",
    ],
    { env: { ...process.env, SURGE_SASL_PASSWORD: secret } },
  );
  assert.notEqual(r.code, 0);
  assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), r.stderr);
});
