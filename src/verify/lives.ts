/**
 * The lives of restarted instances, for the tally: which life a sequence number belongs to (each
 * life numbers from its own seqBase), which life that died built a record, and whether the record
 * lies beyond the offsets that life recorded as acked (in flight when it died). Pure.
 */
import { owns, parseSegment, type Segment } from "../common/segment.ts";
import type { LifeTruth } from "./run-truth.ts";

export class LifeBook {
  /** The lives' distinct sequence bases, ascending; bases[0] is 0. */
  readonly bases: number[];
  /** The lives that died (no run-end, a later life started), in LifeTruth order. */
  readonly dead: LifeTruth[];
  /** (base index × devices + device) → index in `dead` + 1; 0: not a dead life's. */
  private readonly deadOf: Int32Array;
  /** Per dead life: "topic index/partition" → highest offset it recorded as acked. */
  private readonly acked: Array<Map<string, number>>;

  constructor(
    lives: readonly LifeTruth[],
    private readonly devices: number,
    topicNames: readonly string[],
  ) {
    this.bases = [...new Set([0, ...lives.map((l) => l.seqBase)])].sort((a, b) => a - b);
    this.dead = lives.filter((l) => l.died);
    this.deadOf = new Int32Array(this.bases.length * devices);
    const index = new Map(topicNames.map((name, i) => [name, i]));
    this.acked = this.dead.map((l, d) => {
      const share = shareOf(l.segment);
      const base = this.bases.indexOf(l.seqBase);
      for (let device = 0; device < devices; device++) {
        if (!share || owns(share, device)) this.deadOf[base * devices + device] = d + 1;
      }
      const offsets = new Map<string, number>();
      for (const [at, last] of Object.entries(l.lastAcked)) {
        const cut = at.lastIndexOf("/");
        const topic = index.get(at.slice(0, cut));
        if (topic !== undefined) offsets.set(`${topic}/${at.slice(cut + 1)}`, last);
      }
      return offsets;
    });
  }

  /** Index in `bases` of the life that numbered `seq`. */
  baseIndex(seq: number): number {
    let i = this.bases.length - 1;
    while (i > 0 && (this.bases[i] ?? 0) > seq) i--;
    return i;
  }

  /** Index in `dead` of the dead life that built the device's record numbered from bases[base]; -1: none. */
  deadLife(device: number, base: number): number {
    return (this.deadOf[base * this.devices + device] ?? 0) - 1;
  }

  /** The record lies beyond every offset the dead life recorded as acked in its partition. */
  beyondAcked(dead: number, topic: number, partition: number, offset: number): boolean {
    return offset > (this.acked[dead]?.get(`${topic}/${partition}`) ?? -1);
  }
}

/** A share "FROM:TO" as a Segment; undefined for a whole run (""). */
function shareOf(text: string): Segment | undefined {
  if (text === "") return undefined;
  const parsed = parseSegment(text);
  return parsed.ok ? parsed.value : undefined;
}
