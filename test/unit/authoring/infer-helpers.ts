/** Inferred scenario → checked → compiled → a few records, and a comparison of JSON shapes. */
import assert from "node:assert/strict";
import { checkScenarioText } from "../../../src/authoring/check-scenario.ts";
import { scenarioFromSamples, type SampleFile } from "../../../src/authoring/from-samples.ts";
import { scenarioFromSchema } from "../../../src/authoring/from-schema.ts";
import { sampleRecords } from "../../../src/authoring/sample-events.ts";
import { scenarioYaml } from "../../../src/authoring/yaml-writer.ts";
import { resolveSettings } from "../../../src/config/resolve.ts";
import { declaredModel } from "../../../src/sim/declared/factory.ts";

export interface Inferred {
  yaml: string;
  events: Record<string, unknown>[];
}

const WHEN = new Date("2026-01-01T00:00:00Z");

/** Runs YAML text as `surge sample` would: check, resolve, compile, emit. */
export function eventsOf(yaml: string, count = 20, seed = 7): Record<string, unknown>[] {
  const check = checkScenarioText(yaml, "inferred.yaml");
  assert.deepEqual(check.problems, [], `the inferred scenario must pass its check:\n${yaml}`);
  const resolved = resolveSettings({
    flags: { scenario: "inferred.yaml", seed: String(seed), dryRun: true, noTui: true, devices: "10" },
    env: {},
    builtins: {},
    readFile: () => yaml,
    isTTY: false,
  });
  if ("errors" in resolved) assert.fail(resolved.errors.join("\n"));
  const built = declaredModel(resolved.settings.scenario, seed, 1);
  if ("errors" in built) assert.fail(built.errors.join("\n"));
  const { records } = sampleRecords(resolved.settings, built.model, {
    count,
    startMs: Date.parse("2026-06-01T12:00:00Z"),
  });
  return records.map((r) => JSON.parse(r.value) as Record<string, unknown>);
}

export function fromSamples(...samples: unknown[]): Inferred {
  const files: SampleFile[] = samples.map((s, i) => ({
    path: `sample-${i}.json`,
    text: typeof s === "string" ? s : JSON.stringify(s),
  }));
  const result = scenarioFromSamples(files, "sample", WHEN);
  if ("errors" in result) assert.fail(result.errors.join("\n"));
  const yaml = scenarioYaml(result.scenario);
  return { yaml, events: eventsOf(yaml) };
}

export function fromSchema(schema: unknown): Inferred {
  const result = scenarioFromSchema({ path: "schema.json", text: JSON.stringify(schema) }, "schema", WHEN);
  if ("errors" in result) assert.fail(result.errors.join("\n"));
  const yaml = scenarioYaml(result.scenario);
  return { yaml, events: eventsOf(yaml) };
}

/** The JSON type skeleton of a value: objects by key, arrays by the set of their items' skeletons. */
export function skeleton(v: unknown): unknown {
  if (v === null) return "null";
  if (Array.isArray(v)) return { array: [...new Set(v.map((x) => JSON.stringify(skeleton(x))))].sort() };
  if (typeof v === "object")
    return Object.fromEntries(
      Object.entries(v as object)
        .map(([k, x]) => [k, skeleton(x)])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  return typeof v;
}

/** The generated event has the sample's keys with the same types at every depth. */
export function assertSameShape(sample: unknown, event: unknown, path = "$"): void {
  if (sample === null || event === null) return; // nullable fields
  if (Array.isArray(sample)) {
    assert.ok(Array.isArray(event), `${path}: expected a list, got ${JSON.stringify(event)}`);
    const kinds = new Set(sample.map((x) => JSON.stringify(skeleton(x))));
    if (kinds.size <= 1 && sample.length > 0)
      for (const [i, item] of (event as unknown[]).entries()) assertSameShape(sample[0], item, `${path}[${i}]`);
    return;
  }
  if (typeof sample === "object") {
    assert.ok(
      event !== null && typeof event === "object" && !Array.isArray(event),
      `${path}: expected an object, got ${JSON.stringify(event)}`,
    );
    assert.deepEqual(Object.keys(event as object).sort(), Object.keys(sample as object).sort(), `${path}: keys`);
    for (const [k, v] of Object.entries(sample as object))
      assertSameShape(v, (event as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  assert.equal(typeof event, typeof sample, `${path}: ${JSON.stringify(event)} for sample ${JSON.stringify(sample)}`);
}
