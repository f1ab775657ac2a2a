/**
 * Retail store fleet (seed 000, asyncio + aiokafka): each device is, for the whole run, either a
 * temperature sensor (ambient floor, chiller or freezer) on "temperature", or a price-lookup
 * device (smart shelf, RFID scanner, kiosk) on "price" that looks up a Zipf-popular product of
 * a catalog generated once from the seed and sends the whole product record.
 *
 * Devices are identified by SGTIN-96 EPC URNs: company prefix, an item reference per device kind
 * and the device number as serial. A lookup also names the item it read (item_epc: an SGTIN of
 * the product's GTIN with a random serial). Temperatures are AR(1) around the zone's mean; the
 * ambient floor is warmer in the afternoon, chillers and freezers warm up during defrost cycles,
 * both in simulated time (SimClock, --time-scale). The per-device rate cap is the engine's.
 */
import { Catalog } from "../catalog.ts";
import { applyEffects, clamp, isHealthy } from "../effects.ts";
import { fmt2, round2 } from "../format.ts";
import { gauss } from "../gauss.ts";
import { sgtinUrn } from "../sgtin.ts";
import { SimClock } from "../sim-clock.ts";
import { LazyStrings, topicIndex } from "../ids.ts";
import { TimeFormatter } from "../iso-time.ts";
import { resolveParams, validateParams, type Params } from "../params.ts";
import type { Random } from "../random.ts";
import { defrostOffset, DEVICE_KINDS, KIND_TEMPERATURE, LOOKUP_MIX, ZONES } from "../retail-devices.ts";
import type { EventModel, ModelContext, ModelFactory, RecordSink, ValueEffects } from "../types.ts";

const PARAMS = {
  temperatureShare: {
    type: "number",
    default: 0.3,
    min: 0,
    max: 1,
    doc: "share of devices that are temperature sensors",
  },
  products: { type: "number", default: 500, min: 1, max: 99_999, integer: true, doc: "products in the catalog" },
  zipfExponent: { type: "number", default: 1.1, min: 0, max: 4, doc: "skew of product popularity (0 = uniform)" },
  currency: {
    type: "string",
    default: "USD",
    pattern: /^[A-Z]{3}$/,
    what: "an ISO 4217 code like USD",
    doc: "catalog currency",
  },
  companyPrefix: {
    type: "string",
    default: "0614141",
    pattern: /^\d{6,11}$/,
    what: "a GS1 company prefix of 6-11 digits",
    doc: "GS1 company prefix of device EPCs and product GTINs",
  },
  stores: { type: "number", default: 50, min: 1, max: 9999, integer: true, doc: "stores the devices are spread over" },
  unit: { type: "enum", default: "C", values: ["C", "F"], doc: "temperature unit" },
  ambientDayNight: {
    type: "number",
    default: 1.5,
    min: 0,
    max: 10,
    doc: "ambient zone: warmer by this much (°C) at 15:00, cooler at 03:00",
  },
  defrostEveryHours: {
    type: "number",
    default: 6,
    min: 0,
    max: 168,
    doc: "chillers and freezers defrost for 30 min this often (simulated h; 0 = never)",
  },
} as const;

type RetailParams = Params<typeof PARAMS>;

/** AR(1) persistence of a sensor's temperature between readings. */
const PERSISTENCE = 0.9;
const INNOVATION = Math.sqrt(1 - PERSISTENCE * PERSISTENCE);
const ZONE_SHARES = ZONES.map((z) => z.share);
const AMBIENT = 0;
/** Serials of the scanned items of one product: 1 .. 999,999, as thousands + three digits. */
const THOUSANDS: readonly string[] = Array.from({ length: 1000 }, (_, i) => (i === 0 ? "" : String(i)));

/** A defrost takes 30 min, so a cycle shorter than an hour would be one long defrost. */
function checkDefrost(params: Record<string, unknown>): string[] {
  const every = Number(params["defrostEveryHours"] ?? PARAMS.defrostEveryHours.default);
  return every > 0 && every < 1 ? [`params.defrostEveryHours: must be 0 (never) or at least 1, got ${every}`] : [];
}

function checkCatalogFits(params: Record<string, unknown>): string[] {
  const prefix = typeof params["companyPrefix"] === "string" ? params["companyPrefix"] : PARAMS.companyPrefix.default;
  const products = Number(params["products"] ?? PARAMS.products.default);
  if (!/^\d{6,11}$/.test(prefix) || !Number.isInteger(products)) return [];
  const max = 10 ** (12 - prefix.length) - 1;
  return products > max
    ? [
        `params.products: at most ${max} products fit GTIN-13 item references after the ${prefix.length}-digit company prefix`,
      ]
    : [];
}

class RetailModel implements EventModel {
  private readonly rng: Random;
  private readonly p: RetailParams;
  private readonly catalog: Catalog;
  private readonly time = new TimeFormatter();
  private readonly tempTopic: number;
  private readonly priceTopic: number;
  private readonly epcs: LazyStrings;
  /** `","device_type":"…"` per kind, `,"zone":"…"` per zone, `,"store_id":"store-001"` per store. */
  private readonly kindJson: readonly string[];
  private readonly zoneJson: readonly string[];
  private readonly stores: LazyStrings;
  private readonly kind: Uint8Array;
  private readonly zone: Uint8Array;
  private readonly last: Float64Array;
  private readonly reported: Float64Array;
  /** Simulated hours into its defrost cycle at the run start, per device. */
  private readonly defrostAt: Float32Array;
  private readonly clock: SimClock;
  private readonly unitJson: string;

  constructor(ctx: ModelContext) {
    const p = resolveParams(ctx.scenario.params, PARAMS);
    this.p = p;
    const n = ctx.devices;
    this.tempTopic = topicIndex(ctx.scenario.topics, "temperature", 0);
    this.priceTopic = topicIndex(ctx.scenario.topics, "price", 1);
    this.catalog = new Catalog(
      { products: p.products, zipfExponent: p.zipfExponent, currency: p.currency, companyPrefix: p.companyPrefix },
      ctx.random.fork(3),
    );
    this.unitJson = `,"unit":"${p.unit}","timestamp":"`;

    const init = ctx.random.fork(1);
    this.rng = ctx.random.fork(2);
    this.kind = new Uint8Array(n);
    this.zone = new Uint8Array(n);
    this.last = new Float64Array(n);
    this.reported = new Float64Array(n);
    this.defrostAt = new Float32Array(n);
    this.clock = new SimClock(ctx.timeScale ?? 1);
    for (let d = 0; d < n; d++) {
      if (init.bool(p.temperatureShare)) {
        this.kind[d] = KIND_TEMPERATURE;
        const z = pickShare(init.next(), ZONE_SHARES);
        this.zone[d] = z;
        const zone = ZONES[z]!;
        this.last[d] = init.normal(zone.mean, zone.sd);
        this.reported[d] = round2(this.last[d] ?? 0);
        this.defrostAt[d] = init.next() * p.defrostEveryHours;
      } else {
        this.kind[d] = 1 + pickShare(init.next(), LOOKUP_MIX);
      }
    }
    // Item reference: indicator digit 1, then the kind code, filling the 13 GS1 digits.
    const itemDigits = 13 - p.companyPrefix.length;
    const itemRefs = DEVICE_KINDS.map((_, k) => "1" + String(k + 1).padStart(itemDigits - 1, "0"));
    this.epcs = new LazyStrings(n, (d) => sgtinUrn(p.companyPrefix, itemRefs[this.kind[d] ?? 0] ?? "", d + 1));
    // Shared fragments, not per-device strings: the EPC is the only string per device.
    this.kindJson = DEVICE_KINDS.map((k) => `","device_type":"${k}"`);
    this.zoneJson = ZONES.map((z) => `,"zone":"${z.name}"`);
    const storeWidth = Math.max(3, String(p.stores).length);
    this.stores = new LazyStrings(p.stores, (i) => `,"store_id":"store-${String(i + 1).padStart(storeWidth, "0")}"`);
  }

  emit(device: number, nowMs: number, sink: RecordSink, effects: ValueEffects): void {
    const epc = this.epcs.get(device);
    const kind = this.kind[device] ?? 0;
    const store = this.stores.get(device % this.p.stores);
    const timestamp = this.time.iso(nowMs);
    if (kind !== KIND_TEMPERATURE) {
      const rng = this.rng;
      const i = this.catalog.pick(rng);
      // Table lookups, not String(number): ~40 ns less per lookup event.
      const thousands = rng.int(1000);
      const units = thousands === 0 ? 1 + rng.int(999) : rng.int(1000);
      const serial = thousands === 0 ? String(units) : `${THOUSANDS[thousands]}${TimeFormatter.pad3(units)}`;
      const item = `${this.catalog.itemEpcPrefixes[i]}${serial}`;
      sink.push(
        this.priceTopic,
        epc,
        `{"device_epc":"${epc}${this.kindJson[kind]}${store},"timestamp":"${timestamp}","item_epc":"${item}",` +
          `"product":${this.catalog.records[i]}}`,
      );
      return;
    }
    const zoneIndex = this.zone[device] ?? 0;
    const zone = ZONES[zoneIndex]!;
    let celsius: number;
    if (effects.stuck) {
      celsius = this.reported[device] ?? zone.mean;
    } else {
      const last = this.last[device] ?? zone.mean;
      const next = zone.mean + PERSISTENCE * (last - zone.mean) + INNOVATION * zone.sd * gauss(this.rng);
      this.last[device] = next;
      const v = next + this.cycle(device, zoneIndex, nowMs);
      celsius = isHealthy(effects)
        ? clamp(v, zone.min, zone.max)
        : applyEffects(zone.mean, v, zone.bandMax - zone.bandMin, effects);
      celsius = round2(celsius);
      this.reported[device] = celsius;
    }
    const reading = this.p.unit === "C" ? celsius : celsius * 1.8 + 32;
    sink.push(
      this.tempTopic,
      epc,
      `{"device_epc":"${epc}${this.kindJson[kind]}${store}${this.zoneJson[zoneIndex]},"temperature":` +
        `${fmt2(reading)}${this.unitJson}${timestamp}"}`,
    );
  }

  /** The slow part of a zone's temperature (°C): day/night on the floor, defrosts in the cold. */
  private cycle(device: number, zoneIndex: number, nowMs: number): number {
    if (zoneIndex === AMBIENT) return this.p.ambientDayNight * this.clock.dayPhase(nowMs);
    const every = this.p.defrostEveryHours;
    const rise = ZONES[zoneIndex]?.defrostRise ?? 0;
    return defrostOffset(this.clock.hours(nowMs) + (this.defrostAt[device] ?? 0), every, rise);
  }
}

/** Index i with probability shares[i] (shares sum to 1) for a uniform u. */
function pickShare(u: number, shares: readonly number[]): number {
  let acc = 0;
  for (let i = 0; i < shares.length - 1; i++) {
    acc += shares[i] ?? 0;
    if (u < acc) return i;
  }
  return shares.length - 1;
}

export const retail: ModelFactory = {
  params: PARAMS,
  roles: ["temperature", "price"],
  validate: (params) => {
    const problems = validateParams(params, PARAMS);
    return problems.length > 0 ? problems : [...checkCatalogFits(params), ...checkDefrost(params)];
  },
  create: (ctx) => new RetailModel(ctx),
};
