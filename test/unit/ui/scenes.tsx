/** The fixed screens the frame tests compare: one place, so a test names what it shows. */
import type { ReactElement } from "react";
import type { RunEvent } from "../../../src/engine/snapshot.ts";
import { App } from "../../../src/ui/App.tsx";
import { FakeEngine, idleTopic, snapshot, T0, topic } from "./fixtures.ts";

export const app = (engine: FakeEngine): ReactElement => <App engine={engine} hz={10} />;

/** What the engine logs: anomalies started and ended, by key or by the timeline. */
export const BUSY_EVENTS: readonly RunEvent[] = [
  { seq: 1, elapsedMs: 20_100, message: "dropout started: topic alerts for 10s (key)" },
  { seq: 2, elapsedMs: 30_100, message: "dropout ended (topic alerts)" },
  { seq: 3, elapsedMs: 62_400, message: "spike started: 5% of devices (120–169) for 10s (key)" },
  { seq: 4, elapsedMs: 64_400, message: "burst started: the fleet ×3 for 1m05s (timeline)" },
];

export const busy = (): FakeEngine =>
  new FakeEngine(
    snapshot({
      anomalies: [
        { id: 1, kind: "spike", target: "5% of devices", startedMs: T0 - 3_000, endsMs: T0 + 7_000 },
        { id: 2, kind: "burst", target: "the fleet ×3", startedMs: T0 - 1_000, endsMs: T0 + 65_000 },
      ],
      errors: [
        {
          topic: "alerts",
          code: "NOT_LEADER_OR_FOLLOWER",
          message: "This server is not the leader for that topic-partition",
          count: 3,
          lastSeenMs: T0 - 12_000,
        },
      ],
      topics: [topic("device-data", "data", 2000, { failed: 3 }), topic("alerts", "alerts", 71, { inFlight: 0 })],
      events: BUSY_EVENTS,
      notice: "spike started on 5% of devices for 10s",
    }),
  );

export const fourTopics = (): FakeEngine =>
  new FakeEngine(
    snapshot({
      scenario: "mixed",
      topics: [
        topic("plant-1.device-data", "data", 40_000),
        topic("plant-1.alerts", "alerts", 900),
        topic("plant-2.device-data", "data", 58_000),
        idleTopic("plant-2.alerts"),
      ],
    }),
  );

/** More events than fit: the oldest are not shown, the title counts them all. */
export const manyEvents = (): FakeEngine =>
  new FakeEngine(
    snapshot({
      profile: "sine 1000–5000/s, period 60s",
      events: [
        { seq: 3, elapsedMs: 0, message: "rate profile: sine 1000–5000/s, period 60s" },
        { seq: 4, elapsedMs: 5_000, message: "timeline: burst ×2 for 10s" },
        { seq: 5, elapsedMs: 5_000, message: "burst started: the fleet ×2 for 10s (timeline)" },
        { seq: 6, elapsedMs: 15_000, message: "burst ended (the fleet ×2)" },
        { seq: 7, elapsedMs: 48_200, message: "spike started: 5% of devices (120–169) for 10s (key)" },
        { seq: 8, elapsedMs: 58_200, message: "spike ended (5% of devices (120–169))" },
        { seq: 9, elapsedMs: 61_000, message: 'timeline: no topic named "audit"' },
      ],
    }),
  );
