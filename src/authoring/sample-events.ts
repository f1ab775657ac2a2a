/** `surge sample`: a few records of a scenario built by its model in process, no broker, no engine. */
import type { RunSettings } from "../config/types.ts";
import { SequenceStamper } from "../engine/sequence-stamper.ts";
import { NO_EFFECTS, type EventModel } from "../sim/types.ts";

export interface SampledRecord {
  topic: string;
  key: string;
  headers: Record<string, string>;
  value: string;
  device: number;
}

export interface SampleOptions {
  /** Records to collect. */
  count: number;
  /** Only records of this topic (its role or its name). */
  topicIndex?: number;
  /** Start of the simulated event times (ms). */
  startMs: number;
  /** Give up after this many device events (a rare alert topic may never be written). */
  maxVisits?: number;
  /** Run id shown in the ground-truth headers. */
  runId?: string;
  /** Called with each record instead of keeping it (long samples stream out). */
  onRecord?: (record: SampledRecord) => void;
}

export interface SampleResult {
  records: SampledRecord[];
  /** Device events built to find them. */
  visits: number;
  /** Records found (kept in `records`, or handed to onRecord). */
  taken: number;
}

/** A record as `surge sample --json` prints it: one line, the value parsed when it is JSON. */
export function recordJsonLine(r: SampledRecord): string {
  let value: unknown = r.value;
  try {
    value = JSON.parse(r.value);
  } catch {
    // Not JSON (a malformed anomaly, a text payload): the text as is.
  }
  return JSON.stringify({ topic: r.topic, key: r.key, headers: r.headers, value });
}

/** Index of the topic named `ref` (role or topic name), or undefined. */
export function topicIndexOf(settings: RunSettings, ref: string): number | undefined {
  const i = settings.scenario.topics.findIndex((t) => t.role === ref || t.name === ref);
  return i < 0 ? undefined : i;
}

/**
 * Devices in the order a sample shows them: the first device of each kind, then the second of
 * each, ... so every kind of a mixed fleet shows up in the first few records.
 */
export function visitOrder(
  devices: number,
  kindOf: ((d: number) => number) | undefined,
): (visit: number) => { device: number; round: number } {
  if (!kindOf) return (visit) => ({ device: visit % devices, round: Math.floor(visit / devices) });
  const starts: number[] = [0];
  for (let d = 1; d < devices; d++) if (kindOf(d) !== kindOf(d - 1)) starts.push(d);
  const ends = [...starts.slice(1), devices];
  return (visit) => {
    const k = visit % starts.length;
    const position = Math.floor(visit / starts.length);
    const size = (ends[k] as number) - (starts[k] as number);
    return { device: (starts[k] as number) + (position % size), round: Math.floor(position / size) };
  };
}

export function sampleRecords(settings: RunSettings, model: EventModel, o: SampleOptions): SampleResult {
  const { scenario } = settings;
  const devices = scenario.devices;
  const stamper = new SequenceStamper(o.runId ?? "sample", devices, scenario.topics.length);
  const records: SampledRecord[] = [];
  let taken = 0;
  let device = 0;
  const sink = {
    push: (topicIndex: number, key: string, value: string, headers?: Record<string, string>) => {
      const seq = stamper.next(device, topicIndex);
      if (taken >= o.count || (o.topicIndex !== undefined && topicIndex !== o.topicIndex)) return;
      const topic = scenario.topics[topicIndex]?.name ?? `#${topicIndex}`;
      const record = { topic, key, value, device, headers: stamper.headers(device, seq, "", headers) };
      taken++;
      if (o.onRecord) o.onRecord(record);
      else records.push(record);
    },
  };
  const kindOf = (model as { kindOf?: (d: number) => number }).kindOf;
  const order = visitOrder(devices, kindOf);
  const maxVisits = o.maxVisits ?? Math.max(1_000_000, o.count * 10);
  let visits = 0;
  while (taken < o.count && visits < maxVisits) {
    const visit = order(visits);
    device = visit.device;
    // Each round visits every device once, one sample interval apart, as a run at the nominal rate would.
    const t =
      o.startMs + visit.round * scenario.sampleIntervalMs + (visit.device * scenario.sampleIntervalMs) / devices;
    model.emit(device, t, sink, NO_EFFECTS);
    visits++;
  }
  return { records, visits, taken };
}

/** A record as `surge sample` prints it: topic, key, headers, then the value as pretty JSON. */
export function formatRecord(r: SampledRecord): string {
  let value: string;
  try {
    value = JSON.stringify(JSON.parse(r.value), null, 2);
  } catch {
    value = r.value;
  }
  return [`topic:   ${r.topic}`, `key:     ${r.key}`, `headers: ${JSON.stringify(r.headers)}`, value].join("\n");
}
