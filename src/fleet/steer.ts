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

/** Commands the dashboard keeps listing. */
const RECENT = 3;

interface Pending {
  id: string;
  what: string;
  sentMs: number;
}

export class FleetSteer {
  private readonly pending: Pending[] = [];
  /** The last few commands sent, answered or not: the dashboard lists them. */
  private sent: Pending[] = [];

  private constructor(
    private readonly producer: Pick<Producer, "send" | "disconnect">,
    private readonly fleet: string,
    private readonly token: string,
  ) {}

  static async start(kafka: Kafka, fleet: string, token: string): Promise<FleetSteer> {
    const producer = kafka.producer({ allowAutoTopicCreation: true, retry: { retries: 5 } });
    await producer.connect();
    return new FleetSteer(producer, fleet, token);
  }

  /** Over a connected producer (or a test's stand-in). */
  static over(producer: Pick<Producer, "send" | "disconnect">, fleet: string, token: string): FleetSteer {
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
    const p = { id, what, sentMs: Date.now() };
    this.pending.push(p);
    this.sent = [...this.sent, p].slice(-RECENT);
    return id;
  }

  /** Lines for the commands whose answers are all in (or waited for long enough). */
  answered(view: FleetView, nowMs: number): string[] {
    const out: string[] = [];
    for (const p of [...this.pending]) {
      const t = tally(p, view, nowMs);
      if (!t.all && nowMs - p.sentMs < ANSWER_WAIT_MS) continue;
      this.pending.splice(this.pending.indexOf(p), 1);
      out.push(
        `${t.line}${t.refused.length ? `; not applied: ${t.refused.join("; ")}` : ""}` +
          `${t.silent.length ? `; no answer from ${t.silent.join(", ")}` : ""}`,
      );
    }
    return out;
  }

  /** The dashboard's line per recent command (answered or not yet): how many instances applied it. */
  recent(view: FleetView, nowMs: number): string[] {
    return this.sent.map((p) => {
      const t = tally(p, view, nowMs);
      const waiting = !t.all && nowMs - p.sentMs < ANSWER_WAIT_MS;
      return `${t.line}${t.refused.length ? `, refused by ${t.refused.length}` : ""}${waiting ? " so far" : ""}`;
    });
  }

  async stop(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
  }
}

/** Who of the present instances applied, refused, or has not answered a command yet. */
function tally(p: Pending, view: FleetView, nowMs: number) {
  const present = view.present(nowMs).filter((r) => r.status !== "finished");
  const answers = view.acks.get(p.id) ?? new Map<string, { ok: boolean; message: string }>();
  const applied = [...answers.values()].filter((a) => a.ok).length;
  return {
    all: present.length > 0 && present.every((r) => answers.has(r.instance)),
    line: `command ${p.id} (${p.what}): applied by ${applied} of ${present.length} instances`,
    refused: [...answers.entries()].filter(([, a]) => !a.ok).map(([who, a]) => `${who}: ${a.message}`),
    silent: present.filter((r) => !answers.has(r.instance)).map((r) => r.instance),
  };
}
