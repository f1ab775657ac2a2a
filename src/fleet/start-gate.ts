/**
 * --expect N / --start-at: an instance waits, before it sends anything, until N instances of its
 * run have joined the fleet, or the start time has come. An instance that finds its run already
 * running (it was restarted) joins at once and takes its share again, as a later life of its
 * segment: one more than the instances of that segment the fleet has seen before it.
 */
import type { Kafka } from "kafkajs";
import { FleetView } from "./fleet-view.ts";
import { fleetTopic } from "./message.ts";
import type { FleetPublisher } from "./publisher.ts";
import { readResults } from "./read-results.ts";

const JOIN_EVERY_MS = 1000;
const SAY_EVERY_MS = 2000;

export interface GateOptions {
  kafka: Kafka;
  fleet: string;
  runId: string;
  segment: string | undefined;
  /** Instances to wait for, this one included; 0: none. */
  expect: number;
  /** Wall time to start at regardless (epoch ms); NaN: none. */
  startAtMs: number;
  publisher: FleetPublisher;
  say: (line: string) => void;
  /** Ends the wait early (Ctrl-C): resolves with false. */
  cancelled: Promise<void>;
}

/** Start now as this life of the segment (0: the first start, n: after n earlier instances); false: cancelled while waiting. */
export async function waitForFleet(o: GateOptions): Promise<number | false> {
  const view = new FleetView(o.fleet);
  o.publisher.join(o.runId, o.segment);
  const reader = await readResults(
    o.kafka,
    fleetTopic(o.fleet),
    (m) => {
      if (m && m.run === o.runId) view.add(m);
    },
    { untilCaughtUp: false },
  );
  let lastSaid = 0;
  let life = 0;
  const ready = (): string | undefined => {
    const now = Date.now();
    if (now >= o.startAtMs) return `start time ${new Date(o.startAtMs).toISOString()} reached`;
    const rows = view.present(now);
    if (rows.some((r) => r.started)) {
      const mine = o.segment ?? "all";
      life = view.rows(now).filter((r) => r.segment === mine && r.instance !== o.publisher.instance).length;
      return `the fleet is already running: rejoining${life > 0 ? ` as life ${life + 1} of segment ${mine}` : ""}`;
    }
    if (o.expect > 0 && rows.length >= o.expect) return `${rows.length} of ${o.expect} instances joined`;
    if (now - lastSaid >= SAY_EVERY_MS) {
      lastSaid = now;
      const who = rows.map((r) => `${r.host} ${r.segment}`).join(", ");
      o.say(
        `waiting for fleet ${o.fleet}: ${rows.length} of ${o.expect || "?"} joined${who ? ` (${who})` : ""}` +
          `${Number.isNaN(o.startAtMs) ? "" : `, or until ${new Date(o.startAtMs).toISOString()}`}`,
      );
    }
    return undefined;
  };
  try {
    for (;;) {
      const why = ready();
      if (why) {
        o.say(`fleet ${o.fleet}: starting (${why})`);
        return life;
      }
      const tick = new Promise<"tick">((resolve) => setTimeout(() => resolve("tick"), JOIN_EVERY_MS));
      if ((await Promise.race([tick, o.cancelled.then(() => "cancelled" as const)])) === "cancelled") return false;
      o.publisher.join(o.runId, o.segment);
    }
  } finally {
    await reader.stop();
  }
}
