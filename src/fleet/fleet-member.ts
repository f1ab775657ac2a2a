/**
 * One instance's part in a fleet (--fleet): publishes its results, waits for the others before it
 * starts (--expect, --start-at), and takes the fleet's signed commands once running.
 */
import type { Kafka } from "kafkajs";
import type { RunPort } from "../engine/run-port.ts";
import type { Snapshot } from "../engine/snapshot.ts";
import type { FleetSettings } from "../config/types.ts";
import { ControlListener } from "./control-listener.ts";
import { FleetPublisher } from "./publisher.ts";
import { waitForFleet } from "./start-gate.ts";

export interface MemberOptions {
  engine: RunPort;
  kafka: Kafka;
  fleet: FleetSettings;
  intervalMs: number;
  segment: string | undefined;
  say: (line: string) => void;
  /** The dashboard is up once running: lines on stderr would tear it (the engine's log shows commands). */
  tui: boolean;
}

export class FleetMember {
  private listener: ControlListener | undefined;
  private cancel: () => void = () => undefined;
  private readonly cancelled = new Promise<void>((resolve) => (this.cancel = resolve));

  private constructor(
    private readonly o: MemberOptions,
    private readonly publisher: FleetPublisher,
  ) {}

  static async start(o: MemberOptions): Promise<FleetMember> {
    const publisher = await FleetPublisher.start(o.engine, o.kafka, o.fleet.name, o.intervalMs, (line) =>
      o.say(`warning: ${line}`),
    );
    return new FleetMember(o, publisher);
  }

  get topic(): string {
    return this.publisher.topic;
  }

  /** Waits for the fleet if asked to: this instance's life (0: first start); false when stopped (SIGINT) while waiting. */
  async gate(): Promise<number | false> {
    const { fleet } = this.o;
    if (fleet.expect === 0 && Number.isNaN(fleet.startAtMs)) return 0;
    const onSignal = (): void => this.cancel();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    try {
      return await waitForFleet({
        kafka: this.o.kafka,
        fleet: fleet.name,
        runId: this.o.engine.runId,
        segment: this.o.segment,
        expect: fleet.expect,
        startAtMs: fleet.startAtMs,
        publisher: this.publisher,
        say: this.o.say,
        cancelled: this.cancelled,
      });
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  }

  /** Takes the fleet's commands from now on (a listener that cannot start is a warning). */
  async listen(): Promise<void> {
    const runId = this.o.engine.runId;
    try {
      this.listener = await ControlListener.start(
        this.o.kafka,
        this.o.fleet.name,
        this.o.fleet.token,
        this.o.engine,
        (id, ok, message) => this.publisher.ack(runId, id, ok, message),
        (line) => {
          if (!this.o.tui) this.o.say(line);
        },
      );
    } catch (error) {
      this.o.say(
        `warning: --fleet ${this.o.fleet.name}: not listening for fleet commands (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }

  async finish(final: Snapshot): Promise<void> {
    await this.listener?.stop();
    await this.publisher.finish(final);
  }
}
