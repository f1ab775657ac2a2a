/**
 * Lab fleet (seed 001, Kafka → Spark → MongoDB): sensor_0001 ... with a fixed type and location
 * (sensor number modulo the lists, as the original). 95 % of readings are uniform in the normal
 * band, 5 % anomalies (half high, half low), ±0.1 noise, 2 decimals. Temperature follows the time
 * of day: its normal readings sit in a sub-band whose centre swings with a day/night sine of
 * simulated time (SimClock, --time-scale); humidity swings the other way (warm air is drier).
 * Sensor model is fixed per sensor (the original drew it per message); the battery drains with
 * simulated time and is swapped for a full one at 20 % (the original's 20-100 range).
 */
import { applyEffects, clamp, isHealthy } from "../effects.ts";
import { asciiJson, fmt1, fmt2, round2 } from "../format.ts";
import { idWidth, LazyStrings, paddedId, topicIndex } from "../ids.ts";
import { FleetBattery } from "../battery.ts";
import { TimeFormatter } from "../iso-time.ts";
import { highBand, LAB_MODELS, LAB_TYPES, lowBand } from "../lab-sensors.ts";
import { LAB_LOCATIONS } from "../locations.ts";
import { resolveParams, validateParams, type Params } from "../params.ts";
import type { Random } from "../random.ts";
import { SimClock } from "../sim-clock.ts";
import type { EventModel, ModelContext, ModelFactory, RecordSink, ValueEffects } from "../types.ts";

const PARAMS = {
  anomalyRate: { type: "number", default: 0.05, min: 0, max: 1, doc: "share of readings that are anomalies" },
  noise: { type: "number", default: 0.1, min: 0, max: 10, doc: "uniform ± noise added to every reading" },
  dayNight: { type: "boolean", default: true, doc: "temperature (and inversely humidity) follows the time of day" },
  batteryDays: {
    type: "number",
    default: 30,
    min: 0.001,
    max: 3650,
    doc: "mean simulated days from a full battery to a swap at 20 %",
  },
  locations: {
    type: "list",
    default: LAB_LOCATIONS,
    pattern: /^[A-Za-z0-9_.:-]{1,64}$/,
    maxItems: 1000,
    what: "location names (letters, digits, - _ . :)",
    doc: "location names; sensor number modulo the list",
  },
} as const;

type LabParams = Params<typeof PARAMS>;

const TYPE_COUNT = LAB_TYPES.length;
const STATUS_NORMAL = 0;
const STATUS_ANOMALY = 1;
/** Sign of each type's day/night swing: warm afternoons, drier air. */
const DAY_SIGN = LAB_TYPES.map((t) => (t.name === "temperature" ? 1 : t.name === "humidity" ? -1 : 0));

class LabModel implements EventModel {
  private readonly rng: Random;
  private readonly p: LabParams;
  private readonly topic: number;
  private readonly time = new TimeFormatter();
  private readonly ids: LazyStrings;
  /** `","sensor_type":"humidity","value":` per type. */
  private readonly typeHead: readonly string[];
  /** `,"location":"...","timestamp":"` per location. */
  private readonly locationMid: readonly string[];
  /** `","status":"…","metadata":{"unit":"…","sensor_model":"…","battery_level":` by (status, type, model). */
  private readonly tails: readonly string[];
  private readonly model: Uint8Array;
  private readonly battery: FleetBattery;
  private readonly clock: SimClock;
  private readonly last: Float64Array;
  private readonly lastStatus: Uint8Array;
  private readonly high: readonly (readonly [number, number])[];
  private readonly low: readonly (readonly [number, number])[];

  constructor(ctx: ModelContext) {
    const p = resolveParams(ctx.scenario.params, PARAMS);
    this.p = p;
    const n = ctx.devices;
    this.topic = topicIndex(ctx.scenario.topics, "data", 0);
    const width = idWidth(n, 4);
    this.ids = new LazyStrings(n, (d) => paddedId("sensor_", d, width));
    this.typeHead = LAB_TYPES.map((t) => `","sensor_type":"${t.name}","value":`);
    this.locationMid = p.locations.map((l) => `,"location":"${l}","timestamp":"`);
    const tails: string[] = [];
    for (const status of ["normal", "anomaly"]) {
      for (const t of LAB_TYPES) {
        for (const m of LAB_MODELS) {
          tails.push(
            asciiJson(`","status":"${status}","metadata":{"unit":"${t.unit}","sensor_model":"${m}","battery_level":`),
          );
        }
      }
    }
    this.tails = tails;
    this.high = LAB_TYPES.map(highBand);
    this.low = LAB_TYPES.map(lowBand);

    const init = ctx.random.fork(1);
    this.rng = ctx.random.fork(2);
    this.clock = new SimClock(ctx.timeScale ?? 1);
    this.battery = new FleetBattery(n, { full: 100, empty: 20, lifeHours: p.batteryDays * 24 }, ctx.random.fork(3));
    this.model = new Uint8Array(n);
    this.last = new Float64Array(n);
    this.lastStatus = new Uint8Array(n);
    for (let d = 0; d < n; d++) {
      this.model[d] = init.int(LAB_MODELS.length);
      const t = LAB_TYPES[(d + 1) % TYPE_COUNT]!;
      this.last[d] = (t.normalMin + t.normalMax) / 2;
    }
  }

  emit(device: number, nowMs: number, sink: RecordSink, effects: ValueEffects): void {
    const rng = this.rng;
    const number = device + 1; // sensor_0001 is device 0; type and location use the number
    const typeIndex = number % TYPE_COUNT;
    const t = LAB_TYPES[typeIndex]!;
    let value: number;
    let status: number;
    if (effects.stuck) {
      value = this.last[device] ?? 0;
      status = this.lastStatus[device] ?? STATUS_NORMAL;
    } else {
      const width = t.normalMax - t.normalMin;
      if (rng.next() >= this.p.anomalyRate) {
        status = STATUS_NORMAL;
        const sign = DAY_SIGN[typeIndex] ?? 0;
        if (sign !== 0 && this.p.dayNight) {
          // A band 60 % as wide as normal, its centre ±20 % of the width with the time of day.
          const swing = 0.2 * sign * this.clock.dayPhase(nowMs);
          value = t.normalMin + width * (0.5 + swing + 0.6 * (rng.next() - 0.5));
        } else {
          value = t.normalMin + width * rng.next();
        }
      } else {
        status = STATUS_ANOMALY;
        const band = rng.next() < 0.5 ? this.high[typeIndex]! : this.low[typeIndex]!;
        value = band[0] + (band[1] - band[0]) * rng.next();
      }
      value += this.p.noise * (2 * rng.next() - 1);
      const mean = t.normalMin + width / 2;
      if (isHealthy(effects)) {
        value = clamp(value, t.min, t.max);
      } else {
        value = applyEffects(mean, value, width, effects);
        // Injected effects that push a reading out of the normal band make it an anomaly.
        if (value < t.normalMin - this.p.noise || value > t.normalMax + this.p.noise) status = STATUS_ANOMALY;
      }
      value = round2(value);
      this.last[device] = value;
      this.lastStatus[device] = status;
    }

    const battery = this.battery.level(device, this.clock.hours(nowMs));

    const id = this.ids.get(device);
    const location = this.locationMid[number % this.locationMid.length];
    const tail = this.tails[(status * TYPE_COUNT + typeIndex) * LAB_MODELS.length + (this.model[device] ?? 0)];
    sink.push(
      this.topic,
      id,
      `{"sensor_id":"${id}${this.typeHead[typeIndex]}${fmt2(value)}${location}${this.time.iso(nowMs)}${tail}${fmt1(battery)}}}`,
    );
  }
}

export const lab: ModelFactory = {
  params: PARAMS,
  roles: ["data"],
  validate: (params) => validateParams(params, PARAMS),
  create: (ctx) => new LabModel(ctx),
};
