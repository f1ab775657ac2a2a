import assert from "node:assert/strict";
import { test } from "node:test";
import { helpText } from "../../../src/cli/help.ts";
import { resolveSettings, type ResolveInput } from "../../../src/config/resolve.ts";
import { readScenarioYaml } from "../../../src/config/scenario-file.ts";

const LAB = "model: lab\ndevices: 50\nsampleInterval: 500ms\ntopics: {data: sensor-data}\n";
const FAST = `${LAB}timeScale: 60\n`;

function resolve(over: Partial<ResolveInput>) {
  return resolveSettings({
    flags: { scenario: "lab" },
    env: {},
    builtins: { lab: LAB, fast: FAST },
    readFile: () => "",
    isTTY: false,
    randomSeed: () => 1,
    ...over,
  });
}

function timeScale(over: Partial<ResolveInput>): number | undefined {
  const r = resolve(over);
  if ("errors" in r) assert.fail(r.errors.join("\n"));
  return r.settings.timeScale;
}

test("--time-scale: flag > SURGE_TIME_SCALE > scenario timeScale > 1", () => {
  assert.equal(timeScale({}), 1);
  assert.equal(timeScale({ flags: { scenario: "fast" } }), 60);
  assert.equal(timeScale({ flags: { scenario: "fast" }, env: { SURGE_TIME_SCALE: "1440" } }), 1440);
  assert.equal(timeScale({ flags: { scenario: "fast", timeScale: "0.5" }, env: { SURGE_TIME_SCALE: "1440" } }), 0.5);
  assert.equal(timeScale({ flags: { scenario: "lab", timeScale: "1e3" } }), 1000);
});

test("--time-scale: a positive number, one clear line per bad source", () => {
  for (const bad of ["0", "-3", "fast", "", "2e6"]) {
    const r = resolve({ flags: { scenario: "lab", timeScale: bad } });
    assert.ok("errors" in r, `accepted ${JSON.stringify(bad)}`);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!, /^--time-scale: /);
    if (bad !== "")
      assert.match(
        r.errors[0]!,
        /must be a positive number up to 1000000 \(1 = real time, 1440 = a day per minute\), got/,
      );
  }
  const env = resolve({ env: { SURGE_TIME_SCALE: "none" } });
  assert.ok("errors" in env);
  assert.deepEqual(env.errors, [
    'SURGE_TIME_SCALE: must be a positive number up to 1000000 (1 = real time, 1440 = a day per minute), got "none"',
  ]);
  const file = readScenarioYaml(`${LAB}timeScale: -1\n`, "x.yaml");
  assert.deepEqual(file.schemaErrors, [
    "timeScale: must be a positive number up to 1000000 (1 = real time, 1440 = a day per minute), got -1",
  ]);
});

test("--time-scale is in the help text with its default and environment variable", () => {
  const help = helpText();
  assert.match(help, /--time-scale N +simulated time runs N× faster/);
  assert.match(help, /default: 1; env: SURGE_TIME_SCALE/);
});
