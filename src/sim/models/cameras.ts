/**
 * Camera events (seed 002, confluent_kafka): event_id from the time in microseconds,
 * a UTC "YYYY-MM-DD HH:MM:SS" timestamp and the camera id (device index modulo the list).
 *
 * event_id = max(nowMs × 1000, previous + 1): microsecond-like and close to the event time, yet
 * unique and increasing within a run even when thousands of events share a millisecond or the
 * engine shifts a timestamp backwards (late / clock-skew anomalies). Cameras have no numeric
 * readings, so value effects do not apply.
 *
 * Motion comes in bursts (MotionBursts): each device event is a poll of the camera, which
 * answers with the motion events it has, several during a burst and none between bursts.
 */
import { TimeFormatter } from "../iso-time.ts";
import { topicIndex } from "../ids.ts";
import { MotionBursts } from "../motion-bursts.ts";
import { resolveParams, validateParams } from "../params.ts";
import type { Random } from "../random.ts";
import type { EventModel, ModelContext, ModelFactory, RecordSink } from "../types.ts";

const DEFAULT_CAMERAS = Array.from({ length: 12 }, (_, i) => `cam-${String(i + 1).padStart(2, "0")}`);

const PARAMS = {
  cameraIds: {
    type: "list",
    default: DEFAULT_CAMERAS,
    pattern: /^[A-Za-z0-9_.:-]{1,64}$/,
    maxItems: 100_000,
    what: "camera ids (letters, digits, - _ . :)",
    doc: "camera ids; device index modulo the list",
  },
  motionBursts: { type: "boolean", default: true, doc: "events come in motion bursts (false: one event per poll)" },
  motionShare: {
    type: "number",
    default: 0.2,
    min: 0.01,
    max: 1,
    doc: "share of polls during which a camera sees motion",
  },
  burstPolls: { type: "number", default: 5, min: 1, max: 10_000, doc: "mean polls a motion burst lasts" },
} as const;

class CamerasModel implements EventModel {
  private readonly topic: number;
  private readonly time = new TimeFormatter();
  private readonly cameras: readonly string[];
  /** `","camera_id":"cam-01"}` per camera. */
  private readonly tails: readonly string[];
  private readonly bursts: MotionBursts | undefined;
  private readonly rng: Random;
  private lastId = 0;

  constructor(ctx: ModelContext) {
    const p = resolveParams(ctx.scenario.params, PARAMS);
    this.cameras = p.cameraIds;
    this.tails = p.cameraIds.map((c) => `","camera_id":"${c}"}`);
    this.topic = topicIndex(ctx.scenario.topics, "events", 0);
    this.rng = ctx.random.fork(2);
    this.bursts = p.motionBursts ? new MotionBursts(ctx.devices, p.motionShare, p.burstPolls) : undefined;
  }

  emit(device: number, nowMs: number, sink: RecordSink): void {
    const events = this.bursts === undefined ? 1 : this.bursts.poll(device, this.rng);
    const camera = device % this.cameras.length;
    for (let i = 0; i < events; i++) {
      const micros = Math.floor(nowMs) * 1000;
      const id = micros > this.lastId ? micros : this.lastId + 1;
      this.lastId = id;
      const ms = Math.floor(id / 1000);
      sink.push(
        this.topic,
        this.cameras[camera] ?? "",
        `{"event_id":${this.time.epochMs(ms)}${TimeFormatter.pad3(id - ms * 1000)},"timestamp":"${this.time.plainUtc(nowMs)}${this.tails[camera]}`,
      );
    }
  }
}

export const cameras: ModelFactory = {
  params: PARAMS,
  roles: ["events"],
  validate: (params) => validateParams(params, PARAMS),
  create: (ctx) => new CamerasModel(ctx),
};
