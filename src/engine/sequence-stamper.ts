/**
 * Ground-truth headers for every record: the run id, the device and a per (device, topic)
 * sequence number, so `surge verify` can find gaps and duplicates. Counters live in one typed
 * array (devices × topics), flat at any fleet size.
 */
import { HEADER_ANOMALY, HEADER_DEVICE, HEADER_RUN, HEADER_SEQ } from "../truth/headers.ts";

/**
 * Device ids below this keep their header text (number → string is most of a header's cost);
 * bounded so the cache does not grow with the devices a fast run reaches (~40 B each in Bun).
 */
const CACHED_DEVICE_IDS = 65_536;

export class SequenceStamper {
  private readonly seqs: Uint32Array;
  private readonly deviceIds: string[] = [];

  constructor(
    readonly runId: string,
    devices: number,
    private readonly topics: number,
  ) {
    this.seqs = new Uint32Array(devices * topics);
  }

  private deviceId(device: number): string {
    if (device >= CACHED_DEVICE_IDS) return `${device}`;
    const known = this.deviceIds[device];
    if (known !== undefined) return known;
    const text = `${device}`;
    this.deviceIds[device] = text;
    return text;
  }

  /** A restarted instance's later life starts every sequence at `base` (see LIFE_SEQS); before the first record. */
  rebase(base: number): void {
    this.seqs.fill(base);
  }

  /** The next sequence number of `device` on topic `topicIndex`. */
  next(device: number, topicIndex: number): number {
    const i = device * this.topics + topicIndex;
    const seq = this.seqs[i] ?? 0;
    this.seqs[i] = seq + 1;
    return seq;
  }

  /** Headers for one record; `anomaly` is "" for untouched records. Model headers are kept. */
  headers(device: number, seq: number, anomaly: string, extra?: Record<string, string>): Record<string, string> {
    // Literal keys (the same as the constants, checked in the unit test) give one fixed object shape.
    if (!extra && !anomaly)
      return { "surge-run": this.runId, "surge-device": this.deviceId(device), "surge-seq": `${seq}` };
    const h: Record<string, string> = extra ? { ...extra } : {};
    h[HEADER_RUN] = this.runId;
    h[HEADER_DEVICE] = this.deviceId(device);
    h[HEADER_SEQ] = String(seq);
    if (anomaly) h[HEADER_ANOMALY] = anomaly;
    return h;
  }
}
