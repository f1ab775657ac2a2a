import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { parse } from "yaml";
import { models } from "../../../src/sim/models/index.ts";
import { validateFleet } from "../../../src/sim/declared/validate.ts";

const CONFIGS = ["industrial", "retail", "lab", "cameras"] as const;
const TOPICS: Record<string, Record<string, string>> = {
  industrial: { data: "device-data", alerts: "alerts" },
  retail: { temperature: "temperature_reads", price: "price_lookups" },
  lab: { data: "sensor-data" },
  cameras: { events: "events" },
};

for (const name of CONFIGS) {
  test(`configs/${name}.yaml: its model or declared fleet, topics in role order, valid params`, () => {
    const doc = parse(readFileSync(new URL(`../../../configs/${name}.yaml`, import.meta.url), "utf8")) as Record<
      string,
      unknown
    >;
    assert.equal(doc["name"], name);
    assert.equal(typeof doc["description"], "string");
    assert.match(String(doc["sampleInterval"]), /^\d+(ms|s|m)$/);
    assert.equal(typeof doc["devices"], "number");
    assert.deepEqual(doc["topics"], TOPICS[name]);
    if (doc["fleet"] !== undefined) {
      assert.equal(doc["model"], undefined);
      assert.deepEqual(validateFleet(doc["fleet"], { roles: Object.keys(TOPICS[name] ?? {}) }).errors, []);
      return;
    }
    const factory = models[String(doc["model"])];
    assert.ok(factory, `model ${String(doc["model"])}`);
    assert.deepEqual(doc["topics"], TOPICS[name]);
    assert.deepEqual(Object.keys(doc["topics"] as object), [...factory.roles]);
    assert.deepEqual(factory.validate((doc["params"] ?? {}) as Record<string, unknown>), []);
    assert.match(String(doc["sampleInterval"]), /^\d+(ms|s|m)$/);
    assert.equal(typeof doc["devices"], "number");
  });
}

test("configs/lab.yaml: the original's producer settings and rate", () => {
  const doc = parse(readFileSync(new URL("../../../configs/lab.yaml", import.meta.url), "utf8")) as Record<
    string,
    unknown
  >;
  assert.equal(doc["devices"], 1000);
  assert.equal(doc["rate"], 100);
  assert.deepEqual(doc["producer"], {
    acks: 1,
    compression: "gzip",
    batchSize: 16384,
    lingerMs: 5,
    partitioner: "murmur2",
  });
});

test("configs/industrial.yaml: FNV-1a partitioning", () => {
  const doc = parse(readFileSync(new URL("../../../configs/industrial.yaml", import.meta.url), "utf8")) as {
    producer: { partitioner: string };
  };
  assert.equal(doc.producer.partitioner, "fnv1a");
});
