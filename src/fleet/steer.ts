/**
 * surge watch's side of fleet commands: signs each command with the fleet's token, sends it on the
 * control topic and tells, per command, which instances applied it.
 */
import { randomUUID } from "node:crypto";
import type { Kafka, Producer } from "kafkajs";
import type { Command } from "../engine/commands.ts";
import { signControl } from "./control-message.ts";
import type { FleetView } from "./fleet-view.ts";
import { controlTopic } from "./message.ts";

/** A command's answers are summed up once all present instances answered, or after this long. */
export const ANSWER_WAIT_MS = 5000;

interface Pending {
  id: string;
  what: string;
  sentMs: number;
}

export class FleetSteer {
  private readonly pending: Pending[] = [];

  private constructor(
    private readonly producer: Producer,
    private readonly fleet: string,
    private readonly token: string,
  ) {}

  static async start(kafka: Kafka, fleet: string, token: string): Promise<FleetSteer> {
    const producer = kafka.producer({ allowAutoTopicCreation: true, retry: { retries: 5 } });
    await producer.connect();
    return new FleetSteer(producer, fleet, token);
  }

  async send(command: Command, what: string): Promise<string> {
    const id = randomUUID().slice(0, 8);
    const message = signControl(this.token, this.fleet, command, Date.now(), id);
    await this.producer.send({
      topic: controlTopic(this.fleet),
      acks: -1,
      messages: [{ key: id, value: JSON.stringify(message) }],
    });
    this.pending.push({ id, what, sentMs: Date.now() });
    return id;
  }

  /** Lines for the commands whose answers are all in (or waited for long enough). */
  answered(view: FleetView, nowMs: number): string[] {
    const present = view.present(nowMs).filter((r) => r.status !== "finished");
    const out: string[] = [];
    for (const p of [...this.pending]) {
      const answers = view.acks.get(p.id) ?? new Map<string, { ok: boolean; message: string }>();
      const all = present.length > 0 && present.every((r) => answers.has(r.instance));
      if (!all && nowMs - p.sentMs < ANSWER_WAIT_MS) continue;
      this.pending.splice(this.pending.indexOf(p), 1);
      const applied = [...answers.values()].filter((a) => a.ok).length;
      const refused = [...answers.entries()].filter(([, a]) => !a.ok).map(([who, a]) => `${who}: ${a.message}`);
      const silent = present.filter((r) => !answers.has(r.instance)).map((r) => r.instance);
      out.push(
        `command ${p.id} (${p.what}): applied by ${applied} of ${present.length} instances` +
          `${refused.length ? `; not applied: ${refused.join("; ")}` : ""}${silent.length ? `; no answer from ${silent.join(", ")}` : ""}`,
      );
    }
    return out;
  }

  async stop(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
  }
}
