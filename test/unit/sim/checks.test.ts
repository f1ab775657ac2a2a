import assert from "node:assert/strict";
import { test } from "node:test";
import {
  checkCamerasEvent,
  checkIndustrialAlert,
  checkIndustrialEvent,
  checkLabEvent,
  checkRetailPriceEvent,
  checkRetailTemperatureEvent,
  recordChecks,
} from "../../../src/sim/checks/index.ts";
import { models } from "../../../src/sim/models/index.ts";
import { run } from "./harness.ts";

/** A good record from the model, changed by `edit`. */
function broken(model: string, role: string, edit: (r: Record<string, unknown>) => void): Record<string, unknown> {
  const good = run(model, { events: 400, params: model === "industrial" ? { anomalyRate: 0.2 } : {} }).find(
    (r) => r.role === role,
  );
  assert.ok(good, `no ${role} record`);
  const copy = structuredClone(good.record);
  edit(copy);
  return copy;
}

test("checks: catch missing, extra, mistyped and out-of-range fields", () => {
  const ind = broken("industrial", "data", (r) => {
    delete r["device_id"];
    r["extra"] = 1;
    (r["sensors"] as Record<string, { value: unknown }>)["temperature"]!.value = "hot";
    (r["sensors"] as Record<string, { value: number }>)["pressure"]!.value = 1100;
    (r["device_info"] as Record<string, number>)["signal_strength"] = 12;
  });
  const p = checkIndustrialEvent(ind);
  assert.ok(p.includes("device_id: missing"), p.join("\n"));
  assert.ok(p.includes("extra: unexpected field"));
  assert.ok(p.some((x) => x.startsWith("sensors.temperature.value: expected a number")));
  assert.ok(p.some((x) => x.startsWith("sensors.pressure.value: 1100 outside 950..1050")));
  assert.ok(p.some((x) => x.startsWith("device_info.signal_strength: 12 outside")));

  const alert = broken("industrial", "alerts", (r) => {
    r["value"] = 0;
    r["sensor"] = "temperature";
    r["condition"] = "below";
  });
  assert.ok(checkIndustrialAlert(alert).some((x) => x.startsWith("value: 0 does not cross")));

  const lab = broken("lab", "data", (r) => {
    r["status"] = "normal";
    r["value"] = 40.123;
    r["timestamp"] = "2024-01-01 00:00:00";
  });
  const lp = checkLabEvent(lab);
  assert.ok(
    lp.some((x) => x.includes("more than 2 decimals")),
    lp.join("\n"),
  );
  assert.ok(lp.some((x) => x.startsWith("timestamp:")));

  assert.ok(checkCamerasEvent({ event_id: 1.5, timestamp: "x", camera_id: 3 }).length >= 3);
  assert.deepEqual(checkCamerasEvent(null), ["record: expected an object, got null"]);

  const price = broken("retail", "price", (r) => {
    const product = r["product"] as Record<string, unknown>;
    product["gtin"] = "0614141000011";
    r["device_epc"] = "urn:epc:id:sgtin:1.2.3";
  });
  const pp = checkRetailPriceEvent(price);
  assert.ok(
    pp.some((x) => x.includes("wrong check digit")),
    pp.join("\n"),
  );
  assert.ok(pp.some((x) => x.includes("not an SGTIN-96 URN")));
  assert.ok(checkRetailTemperatureEvent({}).length >= 7);
});

test("checks: a scanned item's EPC must name the product's GTIN under the device's company prefix", () => {
  const good = broken("retail", "price", () => undefined);
  assert.deepEqual(checkRetailPriceEvent(good), []);
  const gtin = (good["product"] as { gtin: string }).gtin;
  const other = broken("retail", "price", (r) => {
    // Another product of the same company: a valid SGTIN, but not this product.
    r["item_epc"] = `urn:epc:id:sgtin:0614141.0${String(Number(gtin.slice(7, 12)) + 1).padStart(5, "0")}.77`;
  });
  assert.ok(checkRetailPriceEvent(other).some((x) => x.startsWith("item_epc:") && x.includes("not the product's")));
  const resplit = broken("retail", "price", (r) => {
    // Same 13 digits split at another partition: another company prefix.
    r["item_epc"] = `urn:epc:id:sgtin:06141410.${gtin.slice(8, 12)}0.5`;
  });
  assert.ok(checkRetailPriceEvent(resplit).some((x) => x.includes("company prefix 06141410 differs")));
  const noPartition = broken("retail", "price", (r) => {
    r["item_epc"] = "urn:epc:id:sgtin:06141.00000042.5"; // a 5-digit prefix has no SGTIN-96 partition
  });
  assert.ok(
    checkRetailPriceEvent(noPartition).some((x) => x.includes("item_epc:") && x.includes("not an SGTIN-96 URN")),
  );
  const missing = broken("retail", "price", (r) => {
    delete r["item_epc"];
  });
  assert.ok(checkRetailPriceEvent(missing).includes("item_epc: missing"));
});

test("registry: every model by name, its roles checked, params {} valid", () => {
  assert.deepEqual(Object.keys(models).sort(), ["cameras", "industrial", "lab", "retail"]);
  assert.deepEqual(models["industrial"]?.roles, ["data", "alerts"]);
  assert.deepEqual(models["retail"]?.roles, ["temperature", "price"]);
  assert.deepEqual(models["lab"]?.roles, ["data"]);
  assert.deepEqual(models["cameras"]?.roles, ["events"]);
  for (const [name, factory] of Object.entries(models)) {
    assert.deepEqual(factory.validate({}), [], name);
    assert.deepEqual(Object.keys(recordChecks[name] ?? {}), [...factory.roles], name);
    const problems = factory.validate({ nope: 1 });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^params\.nope: unknown parameter; allowed: /);
  }
});

test("every model writes pure ASCII values (non-ASCII is \\u-escaped)", () => {
  for (const name of Object.keys(models)) {
    for (const r of run(name, { events: 2000, params: name === "industrial" ? { anomalyRate: 0.1 } : {} })) {
      assert.match(r.value, /^[\x20-\x7e]+$/, `${name}: ${r.value}`);
      assert.match(r.key, /^[\x20-\x7e]+$/);
    }
  }
  const lab = run("lab", { events: 10 }).find((r) => r.record["sensor_type"] === "temperature");
  assert.equal((lab?.record["metadata"] as { unit: string }).unit, "°C");
});

test("registry: each model publishes its param table with a default per knob", () => {
  for (const [name, factory] of Object.entries(models)) {
    const specs = factory.params ?? {};
    assert.ok(Object.keys(specs).length > 0, name);
    for (const [key, spec] of Object.entries(specs)) {
      assert.ok(spec.doc.length > 0, `${name}.${key} has no doc`);
      assert.deepEqual(factory.validate({ [key]: spec.default }), [], `${name}.${key} default`);
    }
  }
});
