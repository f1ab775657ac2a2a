/** The trace commands through the CLI: bad input is one line and exit 2; help per subcommand; sample --json lines. */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { surgeIn } from "./helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "surge-trace-"));
const surge = surgeIn(dir);

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const TRACE =
  "when,temp,hum\n" +
  Array.from(
    { length: 30 },
    (_, i) =>
      `2024-05-01 ${String(Math.floor(i / 6)).padStart(2, "0")}:${String((i % 6) * 10).padStart(2, "0")},${(20 + Math.sin(i / 3)).toFixed(2)},${50 + (i % 5)}`,
  ).join("\n") +
  "\n";

test("bad input: one line naming the problem, exit 2", () => {
  const words = file("words.csv", "a,b\nx,y\nz,w\nq,r\n");
  const cases: [string[], RegExp][] = [
    [["init", "--from-trace", words], /no numeric columns/],
    [
      ["init", "--from-trace", file("t.csv", TRACE), "--time", "nope"],
      /--time: the trace has no column "nope"; its columns: when, temp, hum/,
    ],
    [["init", "--from-trace", file("t2.csv", TRACE), "--time", "temp"], /--time: column "temp" does not hold times/],
    [["init", "--from-trace", join(dir, "missing.csv")], /cannot read/],
    [["compare", file("t3.csv", TRACE)], /name the trace and the sample/],
    [["compare", file("t4.csv", TRACE), file("s.jsonl", '{"value":{"x":1}}\n')], /the value has no field "temp"/],
    [["init", "--from-sample", words, "--group", "a"], /--group: only with --from-trace/],
  ];
  for (const [args, message] of cases) {
    const r = surge(...args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    const lines = r.stderr.trim().split("\n");
    assert.equal(lines.length, 1, `${args.join(" ")}: one line, got:\n${r.stderr}`);
    assert.match(lines[0] as string, message);
  }
});

test("help per subcommand: its usage and its own flags only", () => {
  const sample = surge("sample", "--help");
  assert.equal(sample.code, 0);
  assert.match(sample.stdout, /^usage: surge sample/);
  assert.match(sample.stdout, /--json/);
  assert.doesNotMatch(sample.stdout, /--acks/, "not the run's flags");
  const init = surge("init", "--help");
  assert.match(init.stdout, /--from-trace FILE/);
  assert.match(surge("compare", "--help").stdout, /Exit codes: 0 every line within tolerance/);
  assert.match(surge("--help").stdout, /Producer \(overrides/, "the general help is unchanged");
});

test("init --from-trace, then sample --json steps at the trace's cadence in its time format", () => {
  const trace = file("cadence.csv", TRACE);
  const fleet = join(dir, "fleet.yaml");
  const init = surge("init", "--from-trace", trace, "--out", fleet);
  assert.equal(init.code, 0, init.stderr);
  const sample = surge("sample", "--scenario", fleet, "--json", "-n", "3", "--seed", "1");
  assert.equal(sample.code, 0, sample.stderr);
  const lines = sample.stdout
    .trim()
    .split("\n")
    .map(
      (l) =>
        JSON.parse(l) as {
          topic: string;
          key: string;
          headers: Record<string, string>;
          value: { when: string; temp: number };
        },
    );
  assert.equal(lines.length, 3);
  assert.deepEqual(Object.keys(lines[0] ?? {}), ["topic", "key", "headers", "value"]);
  assert.match(lines[0]?.value.when ?? "", /^\d{4}-\d\d-\d\d \d\d:\d\d$/, "the trace's own time format");
  const step = Date.parse(`${lines[1]?.value.when}Z`) - Date.parse(`${lines[0]?.value.when}Z`);
  assert.equal(step, 600_000, "ten minutes apart, as the trace");
  assert.equal(typeof lines[0]?.value.temp, "number");
  // It starts where the trace did (written in the fleet), so a seed gives the same sample on any day.
  assert.match(readFileSync(fleet, "utf8"), /^sampleStart: 2024-05-01T00:00:00.000Z$/m);
  assert.equal(lines[0]?.value.when, "2024-05-01 00:00");
  assert.equal(surge("sample", "--scenario", fleet, "--json", "-n", "3", "--seed", "1").stdout, sample.stdout);
});
