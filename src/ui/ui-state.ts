/** What the dashboard itself remembers between frames (the run's state lives in the engine). */
import type { MenuState } from "./anomaly-menu.ts";

export type Mode =
  | { kind: "normal" }
  /** Digits typed so far for an exact rate. */
  | { kind: "rate"; buffer: string }
  | { kind: "help" }
  | { kind: "menu"; menu: MenuState };

/** send→ack, lateness, send→readable (--e2e), send→out of the pipeline fed by the topic (--follow). */
export type LatencyView = "latency" | "late" | "readable" | "out";

export interface Status {
  text: string;
  /** The engine's notice when this was set: once the engine says something new, that wins. */
  noticeThen: string;
}

export interface UiState {
  mode: Mode;
  /** Index of the topic the latency panel shows. */
  topic: number;
  view: LatencyView;
  status: Status;
  /** A stop was requested (q / Ctrl-C); a second Ctrl-C quits at once. */
  stopping: boolean;
}

export const initialUi = (): UiState => ({
  mode: { kind: "normal" },
  topic: 0,
  view: "latency",
  status: { text: "? shows every key", noticeThen: "" },
  stopping: false,
});

/** The status line: the latest command result, unless the engine has had news since. */
export function statusText(status: Status, notice: string): string {
  return notice !== "" && notice !== status.noticeThen ? notice : status.text;
}
