/**
 * The anomalies running now: which devices each one hits, until when, and what that means for the
 * next event of a device. Pure: the engine passes the time and a seeded Random.
 */
import type { AnomalyRequest, CommandResult } from "./commands.ts";
import { findAnomalyKind, ANOMALY_NAMES } from "../sim/anomalies/index.ts";
import type { AnomalyKind } from "../sim/anomalies/index.ts";
import { anomalyParamProblems, describeProblems, MAX_RUNNING_ANOMALIES } from "../common/anomaly-limits.ts";
import type { Random } from "../sim/random.ts";
import type { ValueEffects } from "../sim/types.ts";
import type { ActiveAnomaly } from "./snapshot.ts";

export interface RunningAnomaly {
  id: number;
  kind: AnomalyKind;
  /** Devices [from, from + count). */
  from: number;
  count: number;
  /** Index into the scenario's topics, or -1 for every topic. */
  topicIndex: number;
  startMs: number;
  endsMs: number;
  magnitude: number;
  source: string;
}

/** What the anomalies of one device do to its next event. Reused: valid until the next plan. */
export interface EventPlan {
  effects: ValueEffects;
  timeShiftMs: number;
  /** The anomalies that hit this device now. */
  hits: RunningAnomaly[];
}

export interface TopicRef {
  role: string;
  name: string;
}

/** Record-level kinds can be confined to one topic; the others change the device's readings. */
const recordLevel = (kind: AnomalyKind): boolean => Boolean(kind.drop || kind.extraCopies || kind.corrupt);

export class AnomalyBoard {
  private running: RunningAnomaly[] = [];
  private nextId = 1;
  /** Fleet-wide rate multiplier from burst-like kinds; 1 when none runs. */
  rateMultiplier = 1;
  private readonly plan: EventPlan = {
    effects: { scale: 1, drift: 0, stuck: false },
    timeShiftMs: 0,
    hits: [],
  };

  constructor(
    private readonly devices: number,
    private readonly topics: readonly TopicRef[],
    private readonly random: Random,
  ) {}

  get isEmpty(): boolean {
    return this.running.length === 0;
  }

  get active(): readonly RunningAnomaly[] {
    return this.running;
  }

  /** Starts an anomaly; the result says what it hit, or why nothing started. */
  start(request: AnomalyRequest, nowMs: number, source: string): { result: CommandResult; started?: RunningAnomaly } {
    const kind = findAnomalyKind(request.kind);
    if (!kind) {
      return {
        result: { ok: false, message: `unknown anomaly "${request.kind}"; kinds: ${ANOMALY_NAMES.join(", ")}` },
      };
    }
    const problem = requestProblem(kind, request);
    if (problem) return { result: { ok: false, message: `${kind.name}: ${problem}` } };
    if (this.running.length >= MAX_RUNNING_ANOMALIES) {
      return {
        result: {
          ok: false,
          message: `${kind.name}: ${MAX_RUNNING_ANOMALIES} anomalies are running already; wait for one to end`,
        },
      };
    }
    let topicIndex = -1;
    if (request.topic !== undefined) {
      topicIndex = this.topics.findIndex((t) => t.role === request.topic || t.name === request.topic);
      if (topicIndex < 0) {
        return {
          result: {
            ok: false,
            message: `${kind.name}: no topic "${request.topic}"; topics: ${this.topics.map((t) => t.name).join(", ")}`,
          },
        };
      }
      if (!recordLevel(kind) && this.topics.length > 1) {
        return {
          result: {
            ok: false,
            message: `${kind.name} changes device readings, which feed every topic: give a share of devices instead of a topic`,
          },
        };
      }
      if (!recordLevel(kind)) topicIndex = -1;
    }
    const fleet = kind.scope === "fleet";
    const count = fleet ? this.devices : Math.min(this.devices, Math.max(1, Math.round(request.share * this.devices)));
    const from = fleet ? 0 : this.random.int(this.devices - count + 1);
    const started: RunningAnomaly = {
      id: this.nextId++,
      kind,
      from,
      count,
      topicIndex,
      startMs: nowMs,
      endsMs: nowMs + request.durationMs,
      magnitude: request.magnitude ?? kind.defaultMagnitude,
      source,
    };
    this.running.push(started);
    this.updateRate();
    return {
      result: {
        ok: true,
        message: `${kind.name} started: ${describeTarget(started, this.devices, this.topics)} for ${seconds(request.durationMs)}`,
      },
      started,
    };
  }

  /** Ends what is due at `nowMs` (all of them when `all`); returns what ended. */
  expire(nowMs: number, all = false): RunningAnomaly[] {
    if (this.running.length === 0) return [];
    const ended = this.running.filter((a) => all || a.endsMs <= nowMs);
    if (ended.length === 0) return ended;
    this.running = this.running.filter((a) => !ended.includes(a));
    this.updateRate();
    return ended;
  }

  /** Earliest end among the running anomalies; Infinity when none. */
  nextEndMs(): number {
    let next = Infinity;
    for (const a of this.running) if (a.endsMs < next) next = a.endsMs;
    return next;
  }

  /** What hits `device` now, combined; undefined when nothing does (the common, fast case). */
  planFor(device: number, nowMs: number): EventPlan | undefined {
    const plan = this.plan;
    plan.hits.length = 0;
    let scale = 1;
    let drift = 0;
    let stuck = false;
    let shift = 0;
    for (const a of this.running) {
      if (device < a.from || device >= a.from + a.count || a.kind.scope === "fleet") continue;
      plan.hits.push(a);
      const k = a.kind;
      if (k.scale) scale *= k.scale(a.magnitude);
      if (k.drift) drift += k.drift(a.magnitude, Math.min(1, (nowMs - a.startMs) / Math.max(1, a.endsMs - a.startMs)));
      if (k.stuck) stuck = true;
      if (k.timeShiftMs) shift += k.timeShiftMs(a.magnitude, device);
    }
    if (plan.hits.length === 0) return undefined;
    plan.effects.scale = scale;
    plan.effects.drift = drift;
    plan.effects.stuck = stuck;
    plan.timeShiftMs = shift;
    return plan;
  }

  snapshot(): readonly ActiveAnomaly[] {
    return Object.freeze(
      this.running.map((a) =>
        Object.freeze({
          id: a.id,
          kind: a.kind.name,
          target: describeTarget(a, this.devices, this.topics),
          startedMs: a.startMs,
          endsMs: a.endsMs,
        }),
      ),
    );
  }

  private updateRate(): void {
    let m = 1;
    for (const a of this.running) if (a.kind.rateMultiplier) m *= a.kind.rateMultiplier(a.magnitude);
    this.rateMultiplier = m;
  }
}

/** Whether anomaly `a` touches records of topic `topicIndex`. */
export const touchesTopic = (a: RunningAnomaly, topicIndex: number): boolean =>
  a.topicIndex < 0 || a.topicIndex === topicIndex;

/** The shared ranges (sim/anomalies/limits.ts), whoever asks: keys, stdin, timeline, tests. */
function requestProblem(kind: AnomalyKind, r: AnomalyRequest): string | undefined {
  const problems = anomalyParamProblems(kind, {
    share: r.share,
    durationMs: r.durationMs,
    ...(r.magnitude !== undefined ? { magnitude: r.magnitude } : {}),
  });
  return problems.length > 0 ? describeProblems(problems) : undefined;
}

export function describeTarget(a: RunningAnomaly, devices: number, topics: readonly TopicRef[]): string {
  if (a.kind.scope === "fleet") return `fleet ×${a.magnitude}`;
  const who =
    a.count === devices
      ? "all devices"
      : `${percent(a.count / devices)} of devices (${a.from}–${a.from + a.count - 1})`;
  const topic = a.topicIndex >= 0 ? ` on ${topics[a.topicIndex]?.name ?? "?"}` : "";
  return `${who}${topic}`;
}

const percent = (x: number): string => `${x >= 0.1 ? Math.round(x * 100) : Math.round(x * 1000) / 10}%`;
const seconds = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`);
