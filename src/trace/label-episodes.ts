/**
 * A trace's labelled episodes (runs of 1 in its 0/1 label column) as surge anomalies: the
 * episodes' rate per device-hour and their lengths become a timeline of spikes drawn at that rate
 * (seeded), their magnitude how much further the most affected reading strays from its median
 * during the episodes than outside them. The label field then reads `anomaly`, so a record is labelled exactly
 * when an injected anomaly hits it and the ground truth (surge-anomaly header, surge.anomalies
 * topic) says which records were in an episode.
 */
import { Random } from "../sim/random.ts";
import type { TraceShape } from "./columns.ts";
import { sortedCopy, quantileSorted } from "./stats.ts";

/** Timeline entries written at most (a scenario takes 10,000). */
export const MAX_EPISODES = 1000;
/** Run time the timeline covers, at most. */
export const HORIZON_MS = 86_400_000;

export interface Episodes {
  /** The label column. */
  column: string;
  /** Episodes in the trace, and the trace's device-hours. */
  count: number;
  deviceHours: number;
  /** Episode lengths in the trace (ms). */
  lengthsMs: number[];
  /** Spike magnitude: the largest ratio of a reading's mean distance from its median in episodes to outside them. */
  magnitude: number;
}

export interface TimelineEntry {
  atMs: number;
  durationMs: number;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The label column's episodes, or undefined when the trace has no label column with any. */
export function labelEpisodes(shape: TraceShape, cadenceMs: number): Episodes | undefined {
  const c = shape.numeric.findIndex((n) => n.label);
  if (c < 0) return undefined;
  const lengthsMs: number[] = [];
  let rows = 0;
  const ratios: number[] = [];
  for (const g of shape.groups) {
    const label = g.series[c] as Float64Array;
    rows += label.length;
    let run = 0;
    for (let i = 0; i <= label.length; i++) {
      if (i < label.length && label[i] === 1) run++;
      else if (run > 0) {
        lengthsMs.push(run * cadenceMs);
        run = 0;
      }
    }
    shape.numeric.forEach((n, k) => {
      const x = g.series[k] as Float64Array;
      // 0/1 states and flags are not readings a spike moves.
      if (k === c || n.label || new Set(x).size <= 2) return;
      const median = quantileSorted(sortedCopy(x), 0.5);
      let inSum = 0;
      let inN = 0;
      let outSum = 0;
      let outN = 0;
      for (let i = 0; i < x.length; i++) {
        const d = Math.abs((x[i] as number) - median);
        if (label[i] === 1) {
          inSum += d;
          inN++;
        } else {
          outSum += d;
          outN++;
        }
      }
      if (inN > 0 && outN > 0 && outSum > 0) ratios.push(inSum / inN / (outSum / outN));
    });
  }
  if (lengthsMs.length === 0) return undefined;
  // The reading that moves most in an episode sets it (a spike scales every reading alike).
  const magnitude = ratios.length > 0 ? Math.max(...ratios) : 1;
  return {
    column: shape.numeric[c]?.name as string,
    count: lengthsMs.length,
    deviceHours: (rows * cadenceMs) / 3_600_000,
    lengthsMs,
    magnitude: round2(Math.min(100, Math.max(0.1, magnitude))),
  };
}

/**
 * Episodes for a fleet of `devices` at the trace's rate per device-hour over the horizon (or
 * until MAX_EPISODES): one at a random point of each mean gap, so any stretch of the run sees the
 * rate (a Poisson draw can leave hours empty), each as long as an episode of the trace drawn at
 * random. Whole seconds.
 */
export function episodeTimeline(e: Episodes, devices: number, seed: number): TimelineEntry[] {
  const r = new Random(seed);
  const gapMs = 1 / ((e.count / e.deviceHours / 3_600_000) * devices);
  const out: TimelineEntry[] = [];
  for (let i = 0; out.length < MAX_EPISODES; i++) {
    const atMs = Math.round(((i + r.next()) * gapMs) / 1000) * 1000;
    if (atMs >= HORIZON_MS) break;
    const durationMs = e.lengthsMs[Math.floor(r.next() * e.lengthsMs.length)] as number;
    out.push({ atMs, durationMs });
  }
  return out;
}
