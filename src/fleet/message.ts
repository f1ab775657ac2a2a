/**
 * What each instance of a fleet (--fleet NAME) publishes to the results topic every interval: its
 * counters so far and the closed interval's histograms, HdrHistogram-encoded so a watcher can add
 * them (never average percentiles). One JSON value per message, key = the instance id.
 */

export const FLEET_TOPIC_PREFIX = "surge.fleet.";

export const fleetTopic = (fleet: string): string => `${FLEET_TOPIC_PREFIX}${fleet}`;

export interface TopicCounts {
  name: string;
  generated: number;
  acked: number;
  failed: number;
  unsent: number;
  bytes: number;
}

/** One topic's histograms of one closed interval (send→ack latency, lateness), encoded. */
export interface TopicHistogramsWire {
  name: string;
  latency: string;
  latencySumMicros: number;
  late: string;
  lateSumMicros: number;
}

export interface FleetMessage {
  v: 1;
  fleet: string;
  run: string;
  /** host:pid:start, unique per process: a restarted instance is a new one. */
  instance: string;
  host: string;
  /** --segment share ("1/3:2/3"), absent for a whole run. */
  segment?: string;
  /**
   * "join" while waiting for the fleet (--expect), "interval" every --interval, "final" once after
   * the last flush (with the summary JSON), "ack" for each fleet command it applied or refused.
   */
  kind: "join" | "interval" | "final" | "ack";
  /** 1, 2, ... per instance: a watcher sees what it missed. */
  seq: number;
  atMs: number;
  state: string;
  targetRate: number | "max";
  /** Counts since the instance started (not per interval). */
  topics: TopicCounts[];
  /** Intervals closed since the last message (usually one). */
  intervals: { startMs: number; endMs: number; topics: TopicHistogramsWire[] }[];
  /** kind "final": the instance's --summary-json document. */
  summary?: Record<string, unknown>;
  /** kind "ack": the command's id and what became of it here. */
  ack?: { command: string; ok: boolean; message: string };
}

export const controlTopic = (fleet: string): string => `${FLEET_TOPIC_PREFIX}${fleet}.control`;

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** A message of the results topic, or undefined for anything else (counted, never fatal). */
export function parseFleetMessage(text: string): FleetMessage | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== "object" || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  const ok =
    m["v"] === 1 &&
    typeof m["fleet"] === "string" &&
    typeof m["run"] === "string" &&
    typeof m["instance"] === "string" &&
    ["join", "interval", "final", "ack"].includes(String(m["kind"])) &&
    isNumber(m["seq"]) &&
    isNumber(m["atMs"]) &&
    Array.isArray(m["topics"]) &&
    Array.isArray(m["intervals"]);
  return ok ? (raw as FleetMessage) : undefined;
}
