/** surge init --from-sample: many sample shapes → a scenario that passes its check and writes events of the sample's shape. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "yaml";
import { scenarioFromSamples } from "../../../src/authoring/from-samples.ts";
import { scenarioYaml } from "../../../src/authoring/yaml-writer.ts";
import { assertSameShape, eventsOf, fromSamples } from "./infer-helpers.ts";

const fieldsOf = (yaml: string, kind?: string): Record<string, Record<string, unknown>> => {
  const fleet = (parse(yaml) as { fleet: Record<string, { fields: Record<string, Record<string, unknown>> }> }).fleet;
  return (kind ? fleet[kind] : Object.values(fleet)[0])?.fields ?? {};
};

const SHAPES: Record<string, unknown> = {
  flat: { id: "dev-001", ts: 1714557600123, temperature: 21.5, ok: true, status: "ok" },
  nested: { device: { id: "a-1", location: { site: "north", floor: 3 } }, sensors: { t: { value: 20.1, unit: "C" } } },
  arrays: {
    readings: [
      { ch: 1, v: 3.3 },
      { ch: 2, v: 3.1 },
    ],
    tags: ["a", "b", "c"],
    matrix: [
      [1, 2],
      [3, 4],
    ],
  },
  mixedArray: { mixed: [1, "two", true, null, { three: 3 }] },
  emptyThings: { obj: {}, list: [], nothing: null, text: "" },
  deep: JSON.parse(`${'{"a":'.repeat(30)}1${"}".repeat(30)}`) as unknown,
  unicode: { température: 21.5, 名前: "センサー", "emoji😀": "✓" },
  huge: { big: 1.7976931348623157e308, tiny: 5e-324, negative: -1e20, longInt: 12345678901234567890 },
  prototypeKeys: JSON.parse(
    '{"__proto__": {"x": 1}, "constructor": "c", "toString": 2, "hasOwnProperty": true}',
  ) as unknown,
  manyKeys: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i])),
  strings: {
    quote: 'say "hi"',
    braces: "{not a template}",
    backslash: "a\\b",
    newline: "line1\nline2",
    long: "x".repeat(5000),
  },
};

for (const [name, sample] of Object.entries(SHAPES)) {
  test(`from a sample: ${name} → checked, runs, same shape`, () => {
    const { events } = fromSamples(sample);
    assert.ok(events.length > 0);
    for (const e of events) assertSameShape(sample, e);
  });
}

test("keys the format forbids are renamed with a note, never a crash", () => {
  const { yaml, events } = fromSamples({ "a.b": 1, "with space": "x", "": 2, "{x}": true, "[0]": 3, 'q"uote': 4 });
  assert.match(yaml, /a_b: .*# "a\.b" in the sample, renamed/);
  assert.match(yaml, /with_space: x # "with space" in the sample, renamed/);
  assert.deepEqual(Object.keys(events[0] as object).sort(), ["_", "_0_", "_x_", "a_b", "q_uote", "with_space"]);
});

test("nested objects holding the format's own keys (gen, ref, const, array) are renamed, top-level ones kept", () => {
  const fields = fieldsOf(fromSamples({ gen: 1, inner: { gen: 2, ref: "r" } }).yaml);
  assert.ok("gen" in fields);
  assert.deepEqual(Object.keys(fields["inner"] ?? {}), ["gen_", "ref_"]);
});

test("timestamps in every common shape keep their form", () => {
  const sample = {
    epoch_s: 1714557600,
    created_at: 1714557600123,
    ts_us: 1714557600123456,
    t_ns: 1714557600123456789,
    iso_ms: "2024-05-01T12:00:00.123Z",
    iso_s: "2024-05-01T12:00:00+02:00",
    iso_us: "2024-05-01T12:00:00.123456-05:30",
    iso_plain: "2024-05-01T12:00:00",
    iso_space: "2024-05-01 12:00:00.12Z",
  };
  const { yaml, events } = fromSamples(sample);
  const f = fieldsOf(yaml);
  assert.deepEqual(f["epoch_s"], { gen: "timestamp", format: "epoch-s" });
  assert.deepEqual(f["created_at"], { gen: "timestamp", format: "epoch-ms" });
  assert.deepEqual(f["ts_us"], { gen: "timestamp", format: "epoch-us" });
  assert.equal(f["t_ns"]?.["gen"], "timestamp");
  assert.deepEqual(f["iso_s"], { gen: "timestamp", format: "iso", precision: 0, zone: "+02:00" });
  assert.deepEqual(f["iso_us"], { gen: "timestamp", format: "iso", precision: 6, zone: "-05:30" });
  const e = events[0] as Record<string, string | number>;
  assert.ok((e["epoch_s"] as number) > 1e9 && (e["epoch_s"] as number) < 4e9);
  assert.ok((e["created_at"] as number) > 1e12 && (e["created_at"] as number) < 4e12);
  assert.ok((e["ts_us"] as number) > 1e15 && (e["ts_us"] as number) < 4e15);
  assert.match(String(e["iso_ms"]), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.match(String(e["iso_s"]), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+02:00$/);
  assert.match(String(e["iso_us"]), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}-05:30$/);
  assert.match(yaml, /iso_plain: .*# the sample has no zone: surge writes Z/);
});

test("ids, UUIDs, MACs, IMEIs and e-mails get their generators; per device unless the name says event", () => {
  const { yaml, events } = fromSamples({
    device_id: "sensor-0042",
    uuid: "0b7e9f3a-3c1d-4d2e-9f8a-1b2c3d4e5f60",
    event_id: "1b7e9f3a-3c1d-4d2e-9f8a-1b2c3d4e5f60",
    mac: "00:1A:2B:3C:4D:5E",
    imei: "356938035643809",
    email: "ops@example.org",
    serial: "SN-4F3A2B",
  });
  const f = fieldsOf(yaml);
  assert.deepEqual(f["device_id"], { gen: "id", format: "sensor-{number:04}" });
  assert.deepEqual(f["uuid"], { gen: "uuid", per: "device" });
  assert.deepEqual(f["event_id"], { gen: "uuid", per: "event" });
  assert.deepEqual(f["mac"], { gen: "mac", prefix: "00:1a:2b" });
  assert.deepEqual(f["imei"], { gen: "imei", tac: "35693803" });
  assert.equal(f["email"]?.["gen"], "template");
  assert.equal(f["serial"]?.["gen"], "serial");
  const e = events[0] as Record<string, string>;
  assert.equal(e["device_id"], "sensor-0001");
  assert.match(String(e["mac"]), /^00:1a:2b(:[0-9a-f]{2}){3}$/);
  assert.match(String(e["imei"]), /^35693803\d{7}$/);
  assert.match(String(e["serial"]), /^SN-[0-9A-F]{6}$/);
});

test("strings seen with few values become a weighted pick; booleans a state or a draw", () => {
  const samples = ["ok", "ok", "ok", "warn", "ok", "error", "ok", "warn"].map((status, i) => ({
    status,
    door_open: i % 3 === 0,
    flag: i % 2 === 0,
  }));
  const { yaml, events } = fromSamples(samples.map((s) => JSON.stringify(s)).join("\n"));
  const f = fieldsOf(yaml);
  assert.deepEqual(f["status"], { gen: "pick", values: { ok: 5, warn: 2, error: 1 } });
  assert.equal(f["door_open"]?.["gen"], "onoff");
  assert.equal(f["flag"]?.["gen"], "bool");
  for (const e of events) assert.ok(["ok", "warn", "error"].includes(String(e["status"])));
});

test("numbers wander around the sample value within a range that fits them", () => {
  const { yaml, events } = fromSamples({ temperature: 21.5, pressure: 1013.25, count: 7, offset: -3 });
  const f = fieldsOf(yaml);
  assert.equal(f["temperature"]?.["gen"], "reading");
  assert.equal(f["temperature"]?.["mean"], 21.5);
  assert.equal(f["count"]?.["gen"], "walk");
  assert.equal(f["count"]?.["decimals"], 0);
  for (const e of events) {
    assert.ok(Math.abs((e["temperature"] as number) - 21.5) < 10, String(e["temperature"]));
    assert.ok(Number.isInteger(e["count"]) && (e["count"] as number) >= 0);
    assert.ok((e["offset"] as number) <= 0);
  }
});

test("nulls make a field nullable, fields missing from some samples optional", () => {
  const { yaml, events } = fromSamples(
    JSON.stringify({ a: 1.5, b: "x", c: null }) +
      "\n" +
      JSON.stringify({ a: null, c: null }) +
      "\n" +
      JSON.stringify({ a: 2.5, b: "y", c: null }),
  );
  const f = fieldsOf(yaml);
  assert.equal(f["a"]?.["nullable"], 0.33);
  assert.equal(f["b"]?.["omit"], 0.33);
  assert.equal(f["c"], null);
  for (const e of events) assert.equal(e["c"], null);
});

test("samples of different devices become different kinds", () => {
  const files = [
    { path: "thermostat.json", text: JSON.stringify({ id: "t-1", temp: 20 }) },
    { path: "meter.json", text: JSON.stringify({ meter: "m-1", energy_kwh: 10.5, phases: [230, 231, 229] }) },
  ];
  const result = scenarioFromSamples(files, "home", new Date());
  assert.ok("scenario" in result);
  assert.deepEqual(
    result.scenario.kinds.map((k) => k.name),
    ["thermostat", "meter"],
  );
});

test("bad samples are refused with one clear line", () => {
  const refuse = (text: string): string => {
    const r = scenarioFromSamples([{ path: "s.json", text }], "s", new Date());
    assert.ok("errors" in r, text);
    return r.errors.join("\n");
  };
  assert.match(refuse('[{"a": 1}]'), /a JSON list at the top: a sample is one event/);
  assert.match(refuse("42"), /must be a JSON object/);
  assert.match(refuse('{"a": '), /not JSON/);
  assert.match(refuse(""), /empty file/);
  assert.match(refuse("{}"), /only empty objects/);
});

test("the sample interval comes from one device's timestamps across samples", () => {
  const lines = [0, 1, 2, 3].flatMap((i) =>
    ["dev-1", "dev-2"].map((id, d) => JSON.stringify({ id, ts: 1714557600000 + i * 10_000 + d * 3000, v: i })),
  );
  const { yaml } = fromSamples(lines.join("\n"));
  assert.match(yaml, /^sampleInterval: 10s$/m);
  const iso = [0, 1, 2].map((i) =>
    JSON.stringify({ at: new Date(Date.UTC(2024, 0, 1, 0, 0, i * 30)).toISOString(), v: 1 }),
  );
  assert.match(fromSamples(iso.join("\n")).yaml, /^sampleInterval: 30s$/m);
  assert.match(fromSamples({ v: 1 }).yaml, /^sampleInterval: 5s$/m);
  const files = [
    {
      path: "fast.json",
      text: [0, 1].map((i) => JSON.stringify({ id: "f-1", ts: 1714557600000 + i * 1000 })).join("\n"),
    },
    {
      path: "slow.json",
      text: [0, 1].map((i) => JSON.stringify({ meter: "m-1", energy_kwh: i, time: 1714557600 + i * 60 })).join("\n"),
    },
  ];
  const result = scenarioFromSamples(files, "two", new Date());
  assert.ok("scenario" in result);
  assert.deepEqual(
    result.scenario.kinds.map((k) => k.intervalMs),
    [1000, 60_000],
  );
  const twoKinds = scenarioYaml(result.scenario);
  assert.match(twoKinds, /^ {4}sampleInterval: 1m$/m);
  assert.ok(eventsOf(twoKinds).length > 0);
});

test("records are keyed by the device's identity: an id field by default, else a per-device UUID, MAC or serial", () => {
  const uuidKeyed = fromSamples({ ts: 1714557600123, deviceUuid: "0b7e9f3a-3c1d-4d2e-9f8a-1b2c3d4e5f60", v: 1 }).yaml;
  assert.match(uuidKeyed, /data: \{key: "\{deviceUuid\}"\}/);
  const idKeyed = fromSamples({ device_id: "pump", v: 1 }).yaml;
  assert.match(idKeyed, /device_id: \{gen: id, format: "pump-\{number\}"\}/);
  assert.match(idKeyed, /data: \{\}/);
});
