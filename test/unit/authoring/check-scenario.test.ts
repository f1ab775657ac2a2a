/** surge scenario check: every problem at once, each with line:col and its path; a summary when valid. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkScenarioText } from "../../../src/authoring/check-scenario.ts";
import { builtinScenarios } from "../../../src/config/builtins.generated.ts";

const BAD = `name: bad
devices: 10
sampleIntervl: 5s
topics:
  data: bad-events
timeline:
  - at: 10s
    inject: {kind: spik, share: 5%}
fleet:
  sensor:
    fields:
      id: {gen: id, format: "s-{number}"}
      temp: {gen: walkk, mean: 20}
      hum: {gen: reading, mean: 50, sd: 2, min: 0, max: 100, smoothng: 0.5}
      a: {gen: expr, expr: "b + 1"}
      b: {gen: expr, expr: "a + 1"}
      "x.y": 1
      readings:
        array: {v: {gen: normal, mean: 1, sdd: 2}}
        length: 3
    topics:
      dta: {}
`;

test("every problem at once, with line:col, path and did-you-mean", () => {
  const { problems, summary } = checkScenarioText(BAD, "bad.yaml");
  assert.equal(summary, undefined);
  const expect = [
    'bad.yaml:3:1: unknown key "sampleIntervl" (did you mean "sampleInterval"?)',
    'bad.yaml:8:14: timeline[0].inject.kind: must name an anomaly kind (did you mean "spike"?)',
    'bad.yaml:13:14: fleet.sensor.fields.temp.gen: unknown generator "walkk" (did you mean "walk"?)',
    'bad.yaml:14:62: fleet.sensor.fields.hum: unknown key "smoothng" (did you mean "smoothing"?)',
    'bad.yaml:19:43: fleet.sensor.fields.readings.array.v: unknown key "sdd" (did you mean "sd"?)',
    "bad.yaml:15:7: fleet.sensor.fields: fields read each other in a cycle: a → b → a",
    "bad.yaml:17:7: fleet.sensor.fields.x.y: a field name is",
    'bad.yaml:22:7: fleet.sensor.topics.dta: no such topic role in the scenario\'s topics (did you mean "data"?)',
  ];
  for (const line of expect)
    assert.ok(
      problems.some((p) => p.startsWith(line)),
      `missing: ${line}\n${problems.join("\n")}`,
    );
  assert.equal(problems.length, expect.length, problems.join("\n"));
});

test("a YAML syntax error is one line with its position", () => {
  const { problems } = checkScenarioText("name: x\nfleet: {a: [\n", "broken.yaml");
  assert.equal(problems.length, 1);
  assert.match(problems[0] ?? "", /^broken\.yaml:\d+:\d+: invalid YAML/);
});

test("every built-in scenario passes with a summary", () => {
  for (const [name, text] of Object.entries(builtinScenarios)) {
    const { problems, summary } = checkScenarioText(text, name);
    assert.deepEqual(problems, [], name);
    assert.ok(
      summary?.some((l) => l.startsWith("topics: ")),
      name,
    );
  }
});

test("a coded model's params are checked too", () => {
  const { problems } = checkScenarioText(
    "model: industrial\ndevices: 5\ntopics: {data: d, alerts: a}\nparams: {nope: 1}\n",
    "coded.yaml",
  );
  assert.deepEqual(
    problems.map((p) => p.split("; ")[0]),
    ["coded.yaml:4:10: params.nope: unknown parameter"],
  );
  const unknown = checkScenarioText("model: nosuch\ndevices: 5\ntopics: {data: d}\n", "m.yaml");
  assert.match(unknown.problems.join("\n"), /unknown event model "nosuch"/);
});
