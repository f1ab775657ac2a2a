/** The run's frozen view (snapshot.ts), assembled from the engine's parts at one instant. */
import type { RunSettings } from "../config/types.ts";
import { segmentText } from "../common/segment.ts";
import type { AnomalyBoard } from "./anomaly-board.ts";
import type { DeviceShare } from "./device-share.ts";
import type { ErrorLog } from "./error-log.ts";
import type { IntervalRecorder } from "./interval-recorder.ts";
import type { RateControl } from "./rate-control.ts";
import type { ReadBackPort } from "./read-back-port.ts";
import type { RunLog } from "./run-log.ts";
import type { Scheduler } from "./scheduler.ts";
import type { ProduceSink } from "./sink.ts";
import type { ConnectionState, RunState, Snapshot } from "./snapshot.ts";
import { sumCounts } from "./topic-ledger.ts";
import type { TopicLedger } from "./topic-ledger.ts";

export interface SnapshotParts {
  settings: RunSettings;
  runId: string;
  deviceShare: DeviceShare;
  rates: RateControl;
  sink: ProduceSink;
  connection: ConnectionState;
  state: RunState;
  startMs: number;
  stopMs: number;
  scheduler: Scheduler;
  intervals: IntervalRecorder;
  ledgers: readonly TopicLedger[];
  errors: ErrorLog;
  board: AnomalyBoard;
  log: RunLog;
  notice: string;
  readBack: ReadBackPort | undefined;
}

export function takeSnapshot(p: SnapshotParts, now: number): Snapshot {
  const end = Number.isNaN(p.stopMs) ? now : p.stopMs;
  const topics = p.ledgers.map((l) => l.snapshot(now));
  return Object.freeze({
    scenario: p.settings.scenario.name,
    runId: p.runId,
    ...(p.settings.segment ? { segment: segmentText(p.settings.segment), segmentDevices: p.deviceShare.count } : {}),
    truthTopic: p.settings.truthTopic,
    profile: p.rates.profileText(),
    brokers: Object.freeze([...p.settings.brokers]),
    brokerStates: p.sink.brokerStates?.() ?? [],
    seed: p.settings.seed,
    connection: p.connection,
    state: p.state,
    takenMs: now,
    elapsedMs: Number.isNaN(p.startMs) ? 0 : end - p.startMs,
    targetRate: p.rates.requested,
    effectiveRate: p.scheduler.currentRate,
    generatedPerSec: p.intervals.generatedPerSec,
    ackedPerSec: topics.reduce((sum, t) => sum + t.window.ackedPerSec, 0),
    behind: p.scheduler.skipped,
    totals: Object.freeze(sumCounts(p.ledgers)),
    topics: Object.freeze(topics),
    errors: p.errors.snapshot(),
    anomalies: p.board.snapshot(),
    events: p.log.snapshot(),
    notice: p.notice,
    intervals: p.intervals.recent(),
    ...(p.readBack ? { e2e: p.readBack.snapshot(now) } : {}),
  });
}
