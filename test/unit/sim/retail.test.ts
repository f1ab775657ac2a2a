import assert from "node:assert/strict";
import { test } from "node:test";
import { checkRetailPriceEvent, checkRetailTemperatureEvent } from "../../../src/sim/checks/index.ts";
import { isValidGtin } from "../../../src/sim/gtin.ts";
import { isSgtin96Urn } from "../../../src/sim/sgtin.ts";
import { models } from "../../../src/sim/models/index.ts";
import { allProblems, mean, run, spike, STUCK } from "./harness.ts";

type Product = { sku: string; gtin: string; price: number; category: string };

test("retail: 5,000 events on two topics, every field present, typed and in range", () => {
  const out = run("retail", { devices: 200, events: 5000, seed: 9 });
  const temps = out.filter((r) => r.role === "temperature");
  const prices = out.filter((r) => r.role === "price");
  assert.equal(out.length, 5000);
  assert.ok(temps.length > 1000 && prices.length > 3000, `${temps.length} / ${prices.length}`);
  assert.ok(temps.every((r) => r.topic === 0) && prices.every((r) => r.topic === 1));
  assert.deepEqual(allProblems(temps, checkRetailTemperatureEvent), []);
  assert.deepEqual(allProblems(prices, checkRetailPriceEvent), []);
  for (const r of out) {
    assert.equal(r.key, r.record["device_epc"]);
    assert.ok(isSgtin96Urn(r.key), r.key);
  }
  assert.match(String(temps[0]?.record["timestamp"]), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

test("retail: each device keeps its kind, EPC and store; EPCs are unique", () => {
  const out = run("retail", { devices: 300, events: 3000 });
  const seen = new Map<string, string>();
  for (const r of out) {
    const who = `${String(r.record["device_type"])}@${String(r.record["store_id"])}#${r.device}`;
    assert.equal(seen.get(r.key) ?? who, who);
    seen.set(r.key, who);
  }
  assert.equal(seen.size, 300);
  const kinds = new Set(out.map((r) => r.record["device_type"]));
  assert.deepEqual(kinds, new Set(["temperature_sensor", "shelf", "scanner", "kiosk"]));
});

test("retail: temperatureShare picks the topic mix", () => {
  assert.ok(run("retail", { events: 300, params: { temperatureShare: 0 } }).every((r) => r.role === "price"));
  assert.ok(run("retail", { events: 300, params: { temperatureShare: 1 } }).every((r) => r.role === "temperature"));
});

test("retail: product popularity is Zipf-skewed", () => {
  const out = run("retail", { devices: 100, events: 30_000, params: { temperatureShare: 0, products: 500 } });
  const counts = new Map<string, number>();
  for (const r of out) {
    const sku = (r.record["product"] as Product).sku;
    counts.set(sku, (counts.get(sku) ?? 0) + 1);
  }
  const sorted = [...counts.values()].sort((a, b) => b - a);
  const top = sorted[0]!;
  const median = sorted[Math.floor(sorted.length / 2)]!;
  assert.ok(top > 20 * median, `top ${top}, median ${median}`);
  // Best sellers span categories (popularity is shuffled over the catalog).
  const best = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([sku]) => sku.slice(0, 3));
  assert.ok(new Set(best).size >= 3, best.join(","));
});

test("retail: the catalog is fixed per seed: one record per SKU, valid GTINs", () => {
  const records = (seed: number): Map<string, string> => {
    const bySku = new Map<string, string>();
    for (const r of run("retail", { seed, events: 3000, params: { temperatureShare: 0 } })) {
      const p = r.record["product"] as Product;
      const json = JSON.stringify(p);
      assert.equal(bySku.get(p.sku) ?? json, json);
      bySku.set(p.sku, json);
      assert.ok(isValidGtin(p.gtin), p.gtin);
    }
    return bySku;
  };
  const a = records(1);
  assert.deepEqual(records(1), a);
  const b = records(2);
  const shared = [...a.keys()].filter((k) => b.has(k));
  assert.ok(
    shared.some((k) => a.get(k) !== b.get(k)),
    "another seed, another catalog",
  );
});

test("retail: temperatures realistic per zone; Fahrenheit on request", () => {
  // Cycles off: the zone means themselves (retail-realism.test.ts covers day/night and defrosts).
  const params = { temperatureShare: 1, ambientDayNight: 0, defrostEveryHours: 0 };
  const out = run("retail", { devices: 200, events: 10_000, params });
  const byZone = (zone: string): number[] =>
    out.filter((r) => r.record["zone"] === zone).map((r) => r.record["temperature"] as number);
  assert.ok(Math.abs(mean(byZone("chiller")) - 3.5) < 0.5);
  assert.ok(Math.abs(mean(byZone("freezer")) + 20) < 0.7);
  assert.ok(Math.abs(mean(byZone("ambient")) - 21) < 0.5);
  const f = run("retail", { devices: 50, events: 1000, params: { temperatureShare: 1, unit: "F" } });
  assert.ok(f.every((r) => r.record["unit"] === "F"));
  assert.deepEqual(allProblems(f, checkRetailTemperatureEvent), []);
});

test("retail: same seed, same events", () => {
  const a = run("retail", { seed: 4, events: 800 }).map((r) => r.value);
  assert.deepEqual(
    run("retail", { seed: 4, events: 800 }).map((r) => r.value),
    a,
  );
  assert.notDeepEqual(
    run("retail", { seed: 5, events: 800 }).map((r) => r.value),
    a,
  );
});

test("retail: stuck repeats the temperature, spikes widen the deviation", () => {
  const params = { temperatureShare: 1 };
  const out = run("retail", { devices: 1, events: 20, params, effects: (i) => (i >= 10 ? STUCK : spike(1)) });
  for (const r of out.slice(10)) assert.equal(r.record["temperature"], out[9]!.record["temperature"]);
  const deviation = (scale: number): number => {
    const recs = run("retail", { devices: 50, events: 5000, params, effects: () => spike(scale) });
    const zoneMean: Record<string, number> = { ambient: 21, chiller: 3.5, freezer: -20 };
    return mean(recs.map((r) => Math.abs((r.record["temperature"] as number) - zoneMean[String(r.record["zone"])]!)));
  };
  assert.ok(deviation(4) > 3 * deviation(1), `${deviation(4)} vs ${deviation(1)}`);
});

test("retail: params are validated", () => {
  const f = models["retail"]!;
  assert.deepEqual(f.validate({}), []);
  assert.equal(f.validate({ currency: "usd", unit: "K", products: 0, stores: "x" }).length, 4);
  assert.match(
    f.validate({ companyPrefix: "06141410000", products: 50 }).join(),
    /params\.products: at most 9 products/,
  );
  const epc = run("retail", { events: 1, params: { companyPrefix: "06141410000", products: 9 } })[0]!.key;
  assert.ok(isSgtin96Urn(epc), epc);
});
