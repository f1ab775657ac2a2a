/**
 * Industrial fleet (seeds 003/004, Go + Sarama): one event per device per sample interval on
 * "data", plus an alert record on "alerts" for every reading beyond its alarm threshold.
 *
 * A reading: sample ~ N(mean + trend + day/night, sd × variation), smoothed
 * (new = smoothing × last + (1 - smoothing) × sample). The trend is a per-device, per-sensor
 * mean-reverting walk (one step per sample); the day/night swing follows simulated time
 * (SimClock, --time-scale). Humidity's noise and trend steps are correlated with temperature's
 * (humidityCorrelation), so warm readings come with dry ones. With probability anomalyRate a
 * reading is a spike instead: the smoothed value × 2-5 (humidity ÷ 2-5: its alarm is dryness),
 * clamped into the physical range and not folded into the smoothed state, so the device recovers.
 * Batteries drain with simulated time and are replaced when low; signal strength fades and jitters.
 */
import { applyEffects, clamp, isHealthy } from "../effects.ts";
import { asciiJson, fmt2, fmtInt, round2 } from "../format.ts";
import { gauss } from "../gauss.ts";
import { idWidth, LazyStrings, paddedId, topicIndex } from "../ids.ts";
import { criticalLevel, SENSORS, warningLevel } from "../industrial-sensors.ts";
import { FleetBattery } from "../battery.ts";
import { TimeFormatter } from "../iso-time.ts";
import { roomCount, roomJson, roomOf, type SiteLayout } from "../locations.ts";
import { resolveParams, validateParams, type Params } from "../params.ts";
import type { Random } from "../random.ts";
import { FleetSignal } from "../signal.ts";
import { SimClock } from "../sim-clock.ts";
import type { EventModel, ModelContext, ModelFactory, RecordSink, ValueEffects } from "../types.ts";

const PARAMS = {
  variation: { type: "number", default: 1, min: 0, max: 10, doc: "multiplier on every sensor's standard deviation" },
  anomalyRate: { type: "number", default: 0.01, min: 0, max: 1, doc: "chance per reading of a built-in spike (× 2-5)" },
  trend: { type: "boolean", default: true, doc: "give each device a slow drifting offset per sensor" },
  trendStrength: {
    type: "number",
    default: 0.05,
    min: 0,
    max: 1,
    doc: "trend step per sample, in standard deviations",
  },
  dayNightAmplitude: { type: "number", default: 0.6, min: 0, max: 3, doc: "day/night swing, in standard deviations" },
  smoothing: { type: "number", default: 0.7, min: 0, max: 0.99, doc: "weight of the last value when smoothing" },
  humidityCorrelation: {
    type: "number",
    default: -0.7,
    min: -1,
    max: 1,
    doc: "correlation of humidity's noise and trend with temperature's",
  },
  batteryDays: {
    type: "number",
    default: 30,
    min: 0.001,
    max: 3650,
    doc: "mean simulated days from a full battery to a swap at 5 %",
  },
  switchOnProbability: { type: "number", default: 0.8, min: 0, max: 1, doc: "share of time a switch is on" },
  temperatureAlarm: { type: "number", default: 50, min: -10, max: 60, doc: "alert when temperature is above (°C)" },
  humidityAlarm: { type: "number", default: 20, min: 0, max: 100, doc: "alert when humidity is below (%)" },
  pressureAlarm: { type: "number", default: 1040, min: 950, max: 1050, doc: "alert when pressure is above (hPa)" },
  currentAlarm: { type: "number", default: 8, min: 0, max: 10, doc: "alert when current is above (A)" },
  buildings: { type: "number", default: 4, min: 1, max: 702, integer: true, doc: "buildings on the site" },
  floors: { type: "number", default: 10, min: 1, max: 200, integer: true, doc: "floors per building" },
  roomsPerFloor: { type: "number", default: 20, min: 1, max: 99, integer: true, doc: "rooms per floor" },
} as const;

type IndustrialParams = Params<typeof PARAMS>;

/** Mean reversion of the per-device trend per sample: a time constant of ~50 samples. */
const TREND_REVERSION = 0.02;
/** Switch Markov chain speed: P(on→off) = q(1-p), P(off→on) = qp keeps P(on) = p. */
const SWITCH_Q = 0.25;
const STATUS_NAMES = ["normal", "warning", "alarm"] as const;
const ALARM = 2;

/**
 * Constant JSON between the numbers of a data event, one variant per status (or switch state),
 * so an event is ~16 concatenations instead of ~30.
 */
const AFTER: readonly (readonly string[])[] = SENSORS.map((s, i) =>
  STATUS_NAMES.map((st) => {
    const next = [
      '"humidity":{"value":',
      '"pressure":{"value":',
      '"switch_status":{"value":',
      '},"device_info":{"model":"IOT-SENSOR-V2","firmware":"1.2.3","battery":', // closes "sensors"
    ][i];
    return asciiJson(`,"unit":"${s.unit}","status":"${st}"}${i === 3 ? "" : ","}${next}`);
  }),
);
const UNIT_JSON = SENSORS.map((s) => asciiJson(s.unit));
const SWITCH = ['false,"status":"off"},"current":{"value":', 'true,"status":"on"},"current":{"value":'] as const;
const BATTERY = { full: 100, empty: 5 } as const;

class IndustrialModel implements EventModel {
  private readonly rng: Random;
  private readonly p: IndustrialParams;
  private readonly time = new TimeFormatter();
  private readonly dataTopic: number;
  private readonly alertTopic: number;
  private readonly ids: LazyStrings;
  private readonly rooms: LazyStrings;
  /** `,"location":{…},"sensors":{"temperature":{"value":` per room slot. */
  private readonly locationHeads: LazyStrings;
  private readonly roomSlots: number;
  // Per-device state, stride 4 in SENSORS order.
  private readonly smoothed: Float64Array;
  private readonly trend: Float64Array;
  private readonly reported: Float64Array;
  private readonly switchOn: Uint8Array;
  private readonly battery: FleetBattery;
  private readonly signal: FleetSignal;
  private readonly clock: SimClock;
  /** Humidity step = rho × temperature's step + rhoRest × its own (both N(0, 1)). */
  private readonly rho: number;
  private readonly rhoRest: number;
  // Per-sensor constants resolved from params.
  private readonly alarm = new Float64Array(4);
  private readonly warning = new Float64Array(4);
  private readonly critical = new Float64Array(4);
  private readonly sd = new Float64Array(4);
  private readonly dayAmp = new Float64Array(4);
  // Scratch for one event.
  private readonly value = new Float64Array(4);
  private readonly status = new Uint8Array(4);

  constructor(ctx: ModelContext) {
    const p = resolveParams(ctx.scenario.params, PARAMS);
    this.p = p;
    const n = ctx.devices;
    this.dataTopic = topicIndex(ctx.scenario.topics, "data", 0);
    this.alertTopic = topicIndex(ctx.scenario.topics, "alerts", 1);
    const width = idWidth(n, 3);
    this.ids = new LazyStrings(n, (d) => paddedId("device_", d, width));
    const layout: SiteLayout = { buildings: p.buildings, floors: p.floors, roomsPerFloor: p.roomsPerFloor };
    this.roomSlots = roomCount(layout);
    this.rooms = new LazyStrings(this.roomSlots, (slot) => roomJson(roomOf(slot, layout)));
    this.locationHeads = new LazyStrings(
      this.roomSlots,
      (slot) => `,"location":${this.rooms.get(slot)},"sensors":{"temperature":{"value":`,
    );

    const alarms = [p.temperatureAlarm, p.humidityAlarm, p.pressureAlarm, p.currentAlarm];
    SENSORS.forEach((s, i) => {
      const alarm = alarms[i] ?? s.alarm;
      this.alarm[i] = alarm;
      this.warning[i] = warningLevel(s.mean, alarm);
      this.critical[i] = criticalLevel(s, alarm);
      this.sd[i] = s.sd * p.variation;
      this.dayAmp[i] = s.day * s.sd * p.dayNightAmplitude;
    });

    this.rho = p.humidityCorrelation;
    this.rhoRest = Math.sqrt(1 - p.humidityCorrelation ** 2);
    this.clock = new SimClock(ctx.timeScale ?? 1);
    const init = ctx.random.fork(1);
    this.rng = ctx.random.fork(2);
    this.battery = new FleetBattery(n, { ...BATTERY, lifeHours: p.batteryDays * 24 }, ctx.random.fork(3));
    this.signal = new FleetSignal(n, ctx.random.fork(4));
    this.smoothed = new Float64Array(n * 4);
    this.trend = new Float64Array(n * 4);
    this.reported = new Float64Array(n * 4);
    this.switchOn = new Uint8Array(n);
    const trendSd = p.trend ? p.trendStrength / Math.sqrt(1 - (1 - TREND_REVERSION) ** 2) : 0;
    for (let d = 0; d < n; d++) {
      let zTemp = 0;
      for (let i = 0; i < 4; i++) {
        const s = SENSORS[i]!;
        const z = this.correlate(i, init.normal(0, 1), zTemp);
        if (i === 0) zTemp = z;
        const t = trendSd * s.sd * z;
        this.trend[d * 4 + i] = t;
        this.smoothed[d * 4 + i] = s.mean + t;
        this.reported[d * 4 + i] = round2(s.mean + t);
      }
      this.switchOn[d] = init.bool(p.switchOnProbability) ? 1 : 0;
    }
  }

  /** Sensor i's N(0, 1) step: humidity's (i = 1) leans on temperature's step zTemp. */
  private correlate(i: number, z: number, zTemp: number): number {
    return i === 1 ? this.rho * zTemp + this.rhoRest * z : z;
  }

  emit(device: number, nowMs: number, sink: RecordSink, effects: ValueEffects): void {
    const rng = this.rng;
    const p = this.p;
    const phase = this.clock.dayPhase(nowMs);
    const healthy = isHealthy(effects);
    const base = device * 4;
    const value = this.value;
    const status = this.status;
    let alerts = 0;
    // Temperature's noise and trend steps, which humidity's lean on.
    let zTemp = 0;
    let wTemp = 0;

    for (let i = 0; i < 4; i++) {
      const s = SENSORS[i]!;
      const k = base + i;
      const trend = this.trend[k] ?? 0;
      const mean = s.mean + trend + (this.dayAmp[i] ?? 0) * phase;
      let v: number;
      if (effects.stuck) {
        v = this.reported[k] ?? s.mean;
      } else {
        let z = gauss(rng);
        if (i === 0) zTemp = z;
        else if (i === 1) z = this.rho * zTemp + this.rhoRest * z;
        const sample = mean + (this.sd[i] ?? 0) * z;
        const smoothed = p.smoothing * (this.smoothed[k] ?? mean) + (1 - p.smoothing) * sample;
        this.smoothed[k] = smoothed;
        if (p.trend) {
          let w = gauss(rng);
          if (i === 0) wTemp = w;
          else if (i === 1) w = this.rho * wTemp + this.rhoRest * w;
          this.trend[k] = trend * (1 - TREND_REVERSION) + p.trendStrength * s.sd * w;
        }
        v = smoothed;
        if (p.anomalyRate > 0 && rng.next() < p.anomalyRate) {
          const factor = 2 + 3 * rng.next();
          v = s.direction > 0 ? v * factor : v / factor;
          // Pinned at the limit, spikes would all read the same; spread them over the last 1 %.
          const edge = 0.01 * (s.max - s.min) * rng.next();
          if (v > s.max) v = s.max - edge;
          else if (v < s.min) v = s.min + edge;
        }
        v = healthy ? clamp(v, s.min, s.max) : applyEffects(mean, v, s.max - s.min, effects);
        v = round2(v);
        this.reported[k] = v;
      }
      value[i] = v;
      const dir = s.direction;
      if (dir * (v - (this.alarm[i] ?? 0)) > 0) {
        status[i] = ALARM;
        alerts++;
      } else {
        status[i] = dir * (v - (this.warning[i] ?? 0)) > 0 ? 1 : 0;
      }
    }

    let on = this.switchOn[device] === 1;
    if (!effects.stuck) {
      // A spiking device also chatters: its switch flips half of the time.
      const flip =
        effects.scale > 1 ? 0.5 : on ? SWITCH_Q * (1 - p.switchOnProbability) : SWITCH_Q * p.switchOnProbability;
      if (rng.next() < flip) on = !on;
      this.switchOn[device] = on ? 1 : 0;
    }

    const battery = this.battery.level(device, this.clock.hours(nowMs));
    const signal = this.signal.next(device, rng);

    const id = this.ids.get(device);
    const ts = this.time.epochMs(nowMs);
    const slot = device % this.roomSlots;
    sink.push(
      this.dataTopic,
      id,
      `{"device_id":"${id}","timestamp":${ts}${this.locationHeads.get(slot)}${fmt2(value[0] ?? 0)}` +
        `${AFTER[0]![status[0] ?? 0]}${fmt2(value[1] ?? 0)}${AFTER[1]![status[1] ?? 0]}${fmt2(value[2] ?? 0)}` +
        `${AFTER[2]![status[2] ?? 0]}${SWITCH[on ? 1 : 0]}${fmt2(value[3] ?? 0)}${AFTER[3]![status[3] ?? 0]}` +
        `${fmtInt(battery)},"signal_strength":${signal}}}`,
    );

    if (alerts === 0) return;
    for (let i = 0; i < 4; i++) {
      if (status[i] !== ALARM) continue;
      const s = SENSORS[i]!;
      const v = value[i] ?? 0;
      const severity = s.direction * (v - (this.critical[i] ?? 0)) > 0 ? "critical" : "major";
      sink.push(
        this.alertTopic,
        id,
        `{"device_id":"${id}","timestamp":${ts},"sensor":"${s.name}","value":${fmt2(v)},"unit":"${UNIT_JSON[i]}",` +
          `"threshold":${this.alarm[i]},"condition":"${s.direction > 0 ? "above" : "below"}",` +
          `"severity":"${severity}","location":${this.rooms.get(slot)}}`,
      );
    }
  }
}

export const industrial: ModelFactory = {
  params: PARAMS,
  roles: ["data", "alerts"],
  validate: (params) => validateParams(params, PARAMS),
  create: (ctx) => new IndustrialModel(ctx),
};
