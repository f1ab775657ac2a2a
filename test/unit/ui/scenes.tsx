/** The fixed screens the frame tests compare: one place, so a test names what it shows. */
import type { ReactElement } from "react";
import { App } from "../../../src/ui/App.tsx";
import { FakeEngine, idleTopic, snapshot, T0, topic } from "./fixtures.ts";

export const app = (engine: FakeEngine): ReactElement => <App engine={engine} hz={10} />;

export const busy = (): FakeEngine => new FakeEngine(snapshot({
  anomalies: [
    { id: 1, kind: "spike", target: "5% of devices", startedMs: T0 - 3_000, endsMs: T0 + 7_000 },
    { id: 2, kind: "burst", target: "the fleet ×3", startedMs: T0 - 1_000, endsMs: T0 + 65_000 },
  ],
  errors: [
    { topic: "alerts", code: "NOT_LEADER_OR_FOLLOWER", message: "This server is not the leader for that topic-partition", count: 3, lastSeenMs: T0 - 12_000 },
  ],
  topics: [topic("device-data", "data", 2000, { failed: 3 }), topic("alerts", "alerts", 71, { inFlight: 0 })],
  notice: "spike started on 5% of devices for 10s",
}));

export const fourTopics = (): FakeEngine => new FakeEngine(snapshot({
  scenario: "mixed",
  topics: [
    topic("plant-1.device-data", "data", 40_000), topic("plant-1.alerts", "alerts", 900),
    topic("plant-2.device-data", "data", 58_000), idleTopic("plant-2.alerts"),
  ],
}));
