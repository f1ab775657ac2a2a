/**
 * The key map: (UI state, key) → new UI state and at most one engine command. Pure; the same
 * commands the headless stdin lines produce.
 */
import type { Command } from "../engine/commands.ts";
import type { MenuContext, MenuMove, MenuState } from "./anomaly-menu.ts";
import { moveMenu, openMenu } from "./anomaly-menu.ts";
import type { LatencyView, UiState } from "./ui-state.ts";

/** The parts of Ink's Key this map looks at. */
export interface KeyPress {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
}

export interface KeyOutcome {
  state: UiState;
  command?: Command;
  /** A UI-only message for the status line. */
  message?: string;
  /** Second Ctrl-C: leave without waiting for the flush. */
  forceQuit?: boolean;
}

export interface KeyContext extends MenuContext {
  topicCount: number;
  /** Latency views `l` cycles through (--e2e and --follow add theirs); send→ack and lateness when absent. */
  views?: readonly LatencyView[];
}

export const NUDGE_BIG = 10;
export const NUDGE_SMALL = 1;

/**
 * Pasted text arrives as one string: digits stay together (an exact rate), anything else is
 * taken one character at a time.
 */
export function splitInput(input: string, key: KeyPress): string[] {
  if (input.length <= 1 || key.ctrl || /^\d+$/.test(input)) return [input];
  return [...input];
}

export function handleKey(state: UiState, input: string, key: KeyPress, ctx: KeyContext): KeyOutcome {
  if (key.ctrl && input === "c") {
    if (state.stopping) return { state, forceQuit: true };
    return { state: { ...state, mode: { kind: "normal" }, stopping: true }, command: { type: "stop" } };
  }
  switch (state.mode.kind) {
    case "help":
      // Any key closes the help.
      return { state: { ...state, mode: { kind: "normal" } } };
    case "menu":
      return menuKey(state, state.mode.menu, key, ctx);
    case "rate":
      return rateKey(state, state.mode.buffer, input, key, ctx);
    case "normal":
      return normalKey(state, input, key, ctx);
  }
}

function normalKey(state: UiState, input: string, key: KeyPress, ctx: KeyContext): KeyOutcome {
  if (key.upArrow) return { state, command: { type: "nudgeRate", percent: NUDGE_SMALL } };
  if (key.downArrow) return { state, command: { type: "nudgeRate", percent: -NUDGE_SMALL } };
  if (key.tab) return nextTopic(state, ctx);
  if (key.return || key.escape || key.ctrl) return { state };
  if (/^\d+$/.test(input)) return { state: { ...state, mode: { kind: "rate", buffer: input.slice(0, 9) } } };
  switch (input) {
    case "+":
    case "=":
      return { state, command: { type: "nudgeRate", percent: NUDGE_BIG } };
    case "-":
    case "_":
      return { state, command: { type: "nudgeRate", percent: -NUDGE_BIG } };
    case " ":
      return { state, command: { type: "togglePause" } };
    case "a":
      return { state: { ...state, mode: { kind: "menu", menu: openMenu() } } };
    case "t":
      return nextTopic(state, ctx);
    case "l":
      return { state: { ...state, view: nextView(state.view, ctx.views ?? ["latency", "late"]) } };
    case "r":
      return { state, command: { type: "resetHistograms" } };
    case "?":
      return { state: { ...state, mode: { kind: "help" } } };
    case "q":
      return { state: { ...state, stopping: true }, command: { type: "stop" } };
    default:
      return { state };
  }
}

function nextTopic(state: UiState, ctx: KeyContext): KeyOutcome {
  return { state: { ...state, topic: ctx.topicCount > 0 ? (state.topic + 1) % ctx.topicCount : 0 } };
}

function rateKey(state: UiState, buffer: string, input: string, key: KeyPress, ctx: KeyContext): KeyOutcome {
  const normal: UiState = { ...state, mode: { kind: "normal" } };
  if (key.escape) return { state: normal, message: "rate entry cleared" };
  if (key.backspace || key.delete) {
    const rest = buffer.slice(0, -1);
    return { state: rest ? { ...state, mode: { kind: "rate", buffer: rest } } : normal };
  }
  if (key.return) {
    const rate = Number(buffer);
    return rate > 0
      ? { state: normal, command: { type: "setRate", rate } }
      : { state: normal, message: "rate must be above 0" };
  }
  if (/^\d+$/.test(input) && !key.ctrl) {
    return { state: { ...state, mode: { kind: "rate", buffer: (buffer + input).slice(0, 9) } } };
  }
  // Any other key drops what was typed and does its usual job.
  return normalKey(normal, input, key, ctx);
}

function menuKey(state: UiState, menu: MenuState, key: KeyPress, ctx: KeyContext): KeyOutcome {
  if (key.escape) return { state: { ...state, mode: { kind: "normal" } }, message: "anomaly menu closed" };
  const move: MenuMove | undefined = key.upArrow
    ? "up"
    : key.downArrow || key.tab
      ? "down"
      : key.return
        ? "enter"
        : key.backspace || key.delete || key.leftArrow
          ? "back"
          : undefined;
  if (!move) return { state };
  const result = moveMenu(menu, move, ctx);
  if ("cancel" in result) return { state: { ...state, mode: { kind: "normal" } }, message: "anomaly menu closed" };
  if ("inject" in result)
    return {
      state: { ...state, mode: { kind: "normal" } },
      command: { type: "inject", anomaly: result.inject, source: "key" },
    };
  return { state: { ...state, mode: { kind: "menu", menu: result.state } } };
}

function nextView(view: LatencyView, views: readonly LatencyView[]): LatencyView {
  return views[(views.indexOf(view) + 1) % views.length] ?? "latency";
}
