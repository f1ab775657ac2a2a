/** Typed commands: the only way front ends (keys, stdin, signals, tests) steer the engine. */
export interface AnomalyRequest {
  kind: string;
  /** Share of devices affected, 0..1 (ignored by fleet-wide kinds such as burst). */
  share: number;
  durationMs: number;
  /** Kind-specific strength (spike factor, burst multiplier...); the kind's default when absent. */
  magnitude?: number;
  /** Restrict to one topic role or name; all topics when absent. */
  topic?: string;
}

export type Command =
  | { type: "setRate"; rate: number | "max" }
  | { type: "nudgeRate"; percent: number }
  | { type: "pause" }
  | { type: "resume" }
  | { type: "togglePause" }
  | { type: "resetHistograms" }
  /** `source` names who asked ("key", "stdin", ...) in the ground truth. */
  | { type: "inject"; anomaly: AnomalyRequest; source?: string }
  | { type: "stop" };

export interface CommandResult {
  ok: boolean;
  /** One line for the user: what changed, or why nothing did. */
  message: string;
}
