/**
 * --fleet NAME: every interval, this instance's counters and the closed intervals' histograms go
 * to the fleet's results topic, and once more with the summary after the final flush. Its own
 * producer (possibly on --fleet-brokers), so the results do not queue behind the load; a failed
 * publish is reported once and the run goes on.
 */
import { hostname } from "node:os";
import type { Kafka, Producer } from "kafkajs";
import type { Snapshot } from "../engine/snapshot.ts";
import { IntervalFollower } from "../exporters/interval-follower.ts";
import type { ExportSource } from "../exporters/run-exporters.ts";
import { summaryJson } from "../report/summary-json.ts";
import { fleetTopic, type FleetMessage } from "./message.ts";
import { wireInterval } from "./interval-wire.ts";

export class FleetPublisher {
  private readonly follower = new IntervalFollower();
  private readonly timer: ReturnType<typeof setInterval>;
  /** This process's name in the fleet (host:pid:start). */
  readonly instance: string;
  private readonly host = hostname();
  private seq = 0;
  private chain: Promise<void> = Promise.resolve();
  private complained = false;
  sent = 0;
  failed = 0;

  private constructor(
    private readonly source: ExportSource,
    private readonly producer: Producer,
    private readonly fleet: string,
    intervalMs: number,
    private readonly warn: (line: string) => void,
  ) {
    this.instance = `${this.host}:${process.pid}:${Date.now().toString(36)}`;
    this.timer = setInterval(() => this.publish("interval", source.snapshot()), intervalMs);
    this.timer.unref();
  }

  /** Connects the results producer; throws (with kafkajs's message) when it cannot. */
  static async start(
    source: ExportSource,
    kafka: Kafka,
    fleet: string,
    intervalMs: number,
    warn: (line: string) => void,
  ): Promise<FleetPublisher> {
    const admin = kafka.admin();
    await admin.connect();
    // Created up front (one partition: one order for all instances), so a watcher can read it at once.
    await admin.createTopics({ topics: [{ topic: fleetTopic(fleet), numPartitions: 1 }] }).catch(() => false);
    await admin.disconnect().catch(() => undefined);
    const producer = kafka.producer({ allowAutoTopicCreation: true, retry: { retries: 5 } });
    await producer.connect();
    return new FleetPublisher(source, producer, fleet, intervalMs, warn);
  }

  get topic(): string {
    return fleetTopic(this.fleet);
  }

  /** After the run's final flush: the last intervals and the summary, then disconnects. */
  async finish(final: Snapshot): Promise<void> {
    clearInterval(this.timer);
    this.publish("final", final);
    await this.chain;
    await this.producer.disconnect().catch(() => undefined);
  }

  /** While waiting for the fleet (--expect): "here I am", no numbers yet. */
  join(runId: string, segment: string | undefined): void {
    this.send({
      v: 1,
      fleet: this.fleet,
      run: runId,
      instance: this.instance,
      host: this.host,
      ...(segment ? { segment } : {}),
      kind: "join",
      seq: ++this.seq,
      atMs: Date.now(),
      state: "waiting",
      targetRate: 0,
      topics: [],
      intervals: [],
    });
  }

  /** The answer to a fleet command: applied (ok) or not, in the engine's words. */
  ack(runId: string, command: string, ok: boolean, message: string): void {
    this.send({
      v: 1,
      fleet: this.fleet,
      run: runId,
      instance: this.instance,
      host: this.host,
      kind: "ack",
      seq: 0,
      atMs: Date.now(),
      state: "",
      targetRate: 0,
      topics: [],
      intervals: [],
      ack: { command, ok, message },
    });
  }

  private publish(kind: FleetMessage["kind"], s: Snapshot): void {
    if (s.state === "starting") return;
    this.send({
      v: 1,
      fleet: this.fleet,
      run: s.runId,
      instance: this.instance,
      host: this.host,
      ...(s.segment ? { segment: s.segment } : {}),
      kind,
      seq: ++this.seq,
      atMs: Date.now(),
      state: s.state,
      targetRate: s.targetRate,
      topics: s.topics.map((t) => ({
        name: t.name,
        generated: t.generated,
        acked: t.acked,
        failed: t.failed,
        unsent: t.unsent,
        bytes: t.bytes,
      })),
      intervals: this.follower.take(kind === "final" ? s.intervals : this.source.recentIntervals()).map(wireInterval),
      ...(kind === "final" ? { summary: summaryJson(s) as Record<string, unknown> } : {}),
    });
  }

  private send(message: FleetMessage): void {
    const value = JSON.stringify(message);
    this.chain = this.chain
      .then(() => this.producer.send({ topic: this.topic, acks: -1, messages: [{ key: this.instance, value }] }))
      .then(
        () => void this.sent++,
        (error: unknown) => {
          this.failed++;
          if (this.complained) return;
          this.complained = true;
          this.warn(
            `--fleet ${this.fleet}: results not published to ${this.topic}: ${error instanceof Error ? error.message : String(error)} (the run goes on)`,
          );
        },
      );
  }
}
