/**
 * Fabricated record streams for the verify tests: what surge would send for a small fleet (with
 * dropout and duplicate applied as the ground-truth contract says), spread over partitions, and
 * read back the way a consumer would (partitions interleaved in chunks).
 */
import type { AnomalyRecord, TopicTotals } from "../../../src/truth/records.ts";
import { RunTally, type RecordFacts } from "../../../src/verify/run-tally.ts";

export const RUN = "20261121T083756Z-ab12";
export const START_MS = 1_800_000_000_000;

export interface Sent {
  partition: number;
  facts: RecordFacts;
}

export interface FleetOptions {
  devices: number;
  rounds: number;
  partitions: number;
  /** Spread each device over every partition (round-robin) instead of one partition per device. */
  roundRobin?: boolean;
  /** One round of events every this many ms. */
  stepMs?: number;
  anomalies?: AnomalyRecord[];
  topic?: string;
}

export interface Fleet {
  /** Per partition, in offset order. */
  partitions: Sent[][];
  totals: TopicTotals;
}

export function anomaly(
  id: number,
  kind: string,
  from: number,
  count: number,
  startMs: number,
  endMs: number,
): AnomalyRecord {
  return {
    type: "anomaly",
    run: RUN,
    id,
    kind,
    startMs,
    endMs,
    devices: { from, count },
    magnitude: 1,
    source: "test",
  };
}

const active = (a: AnomalyRecord, device: number, t: number, kind: string): boolean =>
  a.kind === kind &&
  device >= a.devices.from &&
  device < a.devices.from + a.devices.count &&
  t >= a.startMs &&
  t < a.endMs;

export function fleet(o: FleetOptions): Fleet {
  const stepMs = o.stepMs ?? 100;
  const partitions: Sent[][] = Array.from({ length: o.partitions }, () => []);
  const totals: TopicTotals = {
    name: o.topic ?? "data",
    generated: 0,
    acked: 0,
    failed: 0,
    unsent: 0,
    dropped: 0,
    duplicated: 0,
  };
  let next = 0;
  for (let round = 0; round < o.rounds; round++) {
    const t = START_MS + round * stepMs;
    for (let device = 0; device < o.devices; device++) {
      const hits = (kind: string): boolean => (o.anomalies ?? []).some((a) => active(a, device, t, kind));
      if (hits("dropout")) {
        totals.dropped++;
        continue;
      }
      const copies = hits("duplicate") ? 2 : 1;
      for (let c = 0; c < copies; c++) {
        const partition = o.roundRobin ? next++ % o.partitions : device % o.partitions;
        partitions[partition]?.push({
          partition,
          facts: { ours: true, device, seq: round, anomaly: copies > 1 ? "duplicate" : undefined, timestampMs: t + 2 },
        });
        totals.generated++;
        totals.acked++;
      }
      totals.duplicated += copies - 1;
    }
  }
  return { partitions, totals };
}

/** Feeds partitions to a tally the way a consumer reads them: `chunk` records of each in turn. */
export function readInto(tally: RunTally, partitions: Sent[][], chunk = 50, topic = 0): void {
  const cursor = partitions.map(() => 0);
  for (let more = true; more;) {
    more = false;
    partitions.forEach((records, p) => {
      const state = tally.order.partition(topic, p);
      const from = cursor[p] ?? 0;
      for (const r of records.slice(from, from + chunk)) tally.add(topic, state, r.facts);
      cursor[p] = from + chunk;
      if (from + chunk < records.length) more = true;
    });
  }
}

export function tallyOf(devices: number, partitions: Sent[][], chunk?: number): RunTally {
  const tally = new RunTally(RUN, devices, 1);
  readInto(tally, partitions, chunk);
  return tally;
}
