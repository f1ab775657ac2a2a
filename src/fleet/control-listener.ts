/**
 * An instance's ear on the fleet's control topic: each signed command is applied through the
 * engine's own command API (its share of a fleet-wide rate follows by itself) and answered on
 * the results topic; anything unsigned or stale is refused and answered too.
 */
import type { Consumer, Kafka } from "kafkajs";
import type { Command, CommandResult } from "../engine/commands.ts";
import { checkControl } from "./control-message.ts";
import { controlTopic } from "./message.ts";

export interface ControlTarget {
  dispatch(command: Command): CommandResult;
}

export class ControlListener {
  private readonly seen = new Set<string>();

  private constructor(private readonly consumer: Consumer) {}

  static async start(
    kafka: Kafka,
    fleet: string,
    token: string | undefined,
    target: ControlTarget,
    answer: (id: string, ok: boolean, message: string) => void,
    note: (line: string) => void,
  ): Promise<ControlListener> {
    const admin = kafka.admin();
    await admin.connect();
    // Created up front: a consumer of a topic that does not exist yet would wait for a rebalance.
    await admin.createTopics({ topics: [{ topic: controlTopic(fleet), numPartitions: 1 }] }).catch(() => false);
    await admin.disconnect().catch(() => undefined);
    const consumer = kafka.consumer({
      groupId: `surge-instance-${process.pid}-${Date.now().toString(36)}`,
      retry: { retries: 5 },
    });
    const listener = new ControlListener(consumer);
    try {
      await listener.listen(consumer, fleet, token, target, answer, note);
    } catch (error) {
      // A consumer left behind keeps retrying its group join and keeps a finished run alive.
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    return listener;
  }

  private async listen(
    consumer: Consumer,
    fleet: string,
    token: string | undefined,
    target: ControlTarget,
    answer: (id: string, ok: boolean, message: string) => void,
    note: (line: string) => void,
  ): Promise<void> {
    const seen = this.seen;
    await consumer.connect();
    // From the start, skipping what was sent before this instance listened: joining a group takes
    // seconds, and a command sent meanwhile must still arrive.
    const since = Date.now() - 1000;
    await consumer.subscribe({ topics: [controlTopic(fleet)], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ message }) => {
        const checked = message.value ? checkControl(message.value.toString(), token, fleet, Date.now()) : undefined;
        if (!checked || checked.atMs < since || seen.has(checked.id)) return;
        seen.add(checked.id);
        if ("refused" in checked) {
          note(`fleet command ${checked.id} ${checked.refused}`);
          answer(checked.id, false, checked.refused);
          return;
        }
        const command: Command =
          checked.command.type === "inject" ? { ...checked.command, source: "fleet" } : checked.command;
        const result = target.dispatch(command);
        note(`fleet command ${checked.id}: ${result.message}`);
        answer(checked.id, result.ok, result.message);
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
  }
}
