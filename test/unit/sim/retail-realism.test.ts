/** Retail realism: GS1 identifiers on thousands of events, Zipf popularity, prices, store cycles. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Catalog } from "../../../src/sim/catalog.ts";
import { checkRetailPriceEvent } from "../../../src/sim/checks/index.ts";
import { isValidGtin } from "../../../src/sim/gtin.ts";
import { Random } from "../../../src/sim/random.ts";
import { CATEGORIES } from "../../../src/sim/retail-categories.ts";
import { gtinOfSgtin, isSgtin96Urn, sgtin96Hex, sgtinUrnOfHex } from "../../../src/sim/sgtin.ts";
import { allProblems, mean, run, simHour, START_MS } from "./harness.ts";

type Product = { sku: string; gtin: string; price: number; category: string };

test("retail: 10,000 lookups: valid GTIN-13s, SGTIN-96 EPCs of the same GTIN and company prefix", () => {
  for (const companyPrefix of ["0614141", "123456", "98765432101"]) {
    const products = companyPrefix.length === 11 ? 9 : 500;
    const out = run("retail", {
      devices: 300,
      events: 10_000,
      params: { temperatureShare: 0, companyPrefix, products },
    });
    assert.equal(out.length, 10_000);
    assert.deepEqual(allProblems(out, checkRetailPriceEvent), []);
    for (const r of out) {
      const gtin = (r.record["product"] as Product).gtin;
      const item = String(r.record["item_epc"]);
      assert.ok(isValidGtin(gtin), gtin);
      assert.ok(isSgtin96Urn(item) && isSgtin96Urn(r.key), `${item} / ${r.key}`);
      assert.equal(gtinOfSgtin(item), `0${gtin}`);
      assert.ok(
        item.startsWith(`urn:epc:id:sgtin:${companyPrefix}.`) && r.key.startsWith(`urn:epc:id:sgtin:${companyPrefix}.`),
      );
      // The company prefix / item reference split is a valid SGTIN-96 partition: it encodes and decodes.
      assert.equal(sgtinUrnOfHex(sgtin96Hex(item, 1)), item);
      assert.equal(sgtinUrnOfHex(sgtin96Hex(r.key, 0)), r.key);
    }
    // Scanned items are individual units: serials differ.
    assert.ok(new Set(out.map((r) => r.record["item_epc"])).size > 9_900);
  }
});

test("retail: product popularity follows Zipf: the top 10 of 500 products take ~51 % of lookups", () => {
  const out = run("retail", {
    devices: 100,
    events: 40_000,
    params: { temperatureShare: 0, products: 500, zipfExponent: 1.1 },
  });
  const counts = new Map<string, number>();
  for (const r of out) {
    const sku = (r.record["product"] as Product).sku;
    counts.set(sku, (counts.get(sku) ?? 0) + 1);
  }
  const sorted = [...counts.values()].sort((a, b) => b - a);
  const top10 = sorted.slice(0, 10).reduce((a, b) => a + b, 0) / out.length;
  let head = 0;
  let all = 0;
  for (let r = 1; r <= 500; r++) {
    all += r ** -1.1;
    if (r <= 10) head += r ** -1.1;
  }
  assert.ok(Math.abs(top10 - head / all) < 0.02, `top-10 share ${top10}, Zipf says ${head / all}`);
  // Uniform popularity on request.
  const flat = run("retail", {
    devices: 100,
    events: 20_000,
    params: { temperatureShare: 0, products: 500, zipfExponent: 0 },
  });
  const flatCounts = new Map<string, number>();
  for (const r of flat)
    flatCounts.set(
      (r.record["product"] as Product).sku,
      (flatCounts.get((r.record["product"] as Product).sku) ?? 0) + 1,
    );
  const flatTop10 =
    [...flatCounts.values()]
      .sort((a, b) => b - a)
      .slice(0, 10)
      .reduce((a, b) => a + b, 0) / flat.length;
  assert.ok(flatTop10 < 0.04, `uniform top-10 share ${flatTop10}`);
});

test("retail: prices lie in their category's range, and categories differ", () => {
  const catalog = new Catalog(
    { products: 5000, zipfExponent: 1, currency: "EUR", companyPrefix: "0614141" },
    new Random(1),
  );
  const median = (name: string): number => {
    const prices = catalog.products
      .filter((p) => p.category === name)
      .map((p) => p.price)
      .sort((a, b) => a - b);
    return prices[Math.floor(prices.length / 2)]!;
  };
  for (const p of catalog.products) {
    const c = CATEGORIES.find((x) => x.name === p.category)!;
    assert.ok(p.price >= c.minPrice && p.price <= c.maxPrice, `${p.sku} ${p.price}`);
    assert.ok(Math.abs(Math.round(p.price * 100) - p.price * 100) < 1e-6, `${p.price} has more than 2 decimals`);
    assert.equal(p.currency, "EUR");
  }
  assert.ok(median("electronics") > 5 * median("produce"), `${median("electronics")} vs ${median("produce")}`);
  assert.ok(median("meat") > median("bakery"));
});

test("retail: at --time-scale 1440 the sales floor is warmer in the afternoon", () => {
  const out = run("retail", {
    devices: 100,
    events: 6000,
    stepMs: 10,
    timeScale: 1440,
    params: { temperatureShare: 1, defrostEveryHours: 0 },
  });
  const ambient = (from: number, to: number): number =>
    mean(
      out
        .filter((r) => {
          const h = simHour(START_MS + r.event * 10, START_MS, 1440);
          return r.record["zone"] === "ambient" && h >= from && h < to;
        })
        .map((r) => r.record["temperature"] as number),
    );
  assert.ok(ambient(14, 16) - ambient(2, 4) > 2, `afternoon ${ambient(14, 16)}, night ${ambient(2, 4)}`);
});

test("retail: chillers and freezers warm up during defrost cycles", () => {
  // One simulated day per minute: a defrost every 6 h for 30 min is ~1/12 of the readings.
  const warm = (defrostEveryHours: number): number => {
    const out = run("retail", {
      devices: 100,
      events: 6000,
      stepMs: 10,
      timeScale: 1440,
      params: { temperatureShare: 1, defrostEveryHours },
    });
    const cold = out.filter((r) => r.record["zone"] === "chiller");
    return cold.filter((r) => (r.record["temperature"] as number) > 5.5).length / cold.length;
  };
  const withDefrost = warm(6);
  assert.ok(withDefrost > 0.03 && withDefrost < 0.1, `share above 5.5 °C: ${withDefrost}`);
  assert.ok(warm(0) < 0.01, `without defrosts: ${warm(0)}`);
});

test("retail: defrostEveryHours is 0 or at least an hour", async () => {
  const { models } = await import("../../../src/sim/models/index.ts");
  assert.match(
    models["retail"]!.validate({ defrostEveryHours: 0.5 }).join(),
    /params\.defrostEveryHours: must be 0 \(never\) or at least 1/,
  );
  assert.deepEqual(models["retail"]!.validate({ defrostEveryHours: 0 }), []);
});
