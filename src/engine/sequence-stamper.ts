/**
 * Ground-truth headers for every record: the run id, the device and a per (device, topic)
 * sequence number, so `surge verify` can find gaps and duplicates. Counters live in one typed
 * array (devices × topics), flat at any fleet size.
 */
import { HEADER_ANOMALY, HEADER_DEVICE, HEADER_RUN, HEADER_SEQ } from "../truth/headers.ts";

export class SequenceStamper {
  private readonly seqs: Uint32Array;

  constructor(readonly runId: string, devices: number, private readonly topics: number) {
    this.seqs = new Uint32Array(devices * topics);
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
    if (!extra && !anomaly) return { "surge-run": this.runId, "surge-device": `${device}`, "surge-seq": `${seq}` };
    const h: Record<string, string> = extra ? { ...extra } : {};
    h[HEADER_RUN] = this.runId;
    h[HEADER_DEVICE] = String(device);
    h[HEADER_SEQ] = String(seq);
    if (anomaly) h[HEADER_ANOMALY] = anomaly;
    return h;
  }
}
