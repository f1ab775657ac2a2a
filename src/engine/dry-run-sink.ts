/** A sink that acks every batch at once: surge anywhere without a broker, and the generator alone. */
import type { ConnectionState } from "./snapshot.ts";
import type { OutRecord, ProduceSink } from "./sink.ts";

export class DryRunSink implements ProduceSink {
  readonly kind = "dry-run";

  async connect(onState: (state: ConnectionState) => void): Promise<void> {
    onState("dry-run");
  }

  async prepareTopics(): Promise<string[]> {
    return [];
  }

  /** Acked as soon as the event loop gets to it, like a broker with zero latency. */
  async send(topic: string, records: OutRecord[]): Promise<void> {
    if (records.length === 0) throw new Error(`empty batch for ${topic}`);
  }

  async close(): Promise<void> {}
}
