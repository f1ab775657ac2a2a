/**
 * The anomaly menu as a small state machine: kind → devices or topic → duration → confirm.
 * Pure, so the key handling is tested without a terminal.
 */
import type { AnomalyRequest } from "../engine/commands.ts";
import type { AnomalyKind } from "../sim/anomalies/index.ts";
import { span } from "./cells.ts";

export const SHARES: readonly number[] = [0.01, 0.05, 0.1, 0.25, 0.5, 1];
export const DURATIONS_MS: readonly number[] = [5_000, 10_000, 30_000, 60_000, 300_000];

export type MenuStep = "kind" | "target" | "duration" | "confirm";

export type Target = { share: number } | { topic: string };

export interface MenuState {
  step: MenuStep;
  cursor: number;
  kind?: AnomalyKind;
  target?: Target;
  durationMs?: number;
}

export interface MenuOption {
  label: string;
  detail: string;
}

export interface MenuContext {
  kinds: readonly AnomalyKind[];
  /** Topic names of the run, for "every device writing to this topic". */
  topics: readonly string[];
}

export type MenuMove = "up" | "down" | "enter" | "back";

export type MenuResult = { state: MenuState } | { inject: AnomalyRequest } | { cancel: true };

export const openMenu = (): MenuState => ({ step: "kind", cursor: 0 });

export function shareLabel(share: number): string {
  return share >= 1 ? "all devices" : `${+(share * 100).toFixed(2)}% of devices`;
}

export const targetLabel = (t: Target): string =>
  "topic" in t ? `devices writing to ${t.topic}` : shareLabel(t.share);

export function menuOptions(state: MenuState, ctx: MenuContext): MenuOption[] {
  switch (state.step) {
    case "kind":
      return ctx.kinds.map((k) => ({ label: k.name, detail: k.summary }));
    case "target":
      return targets(state.kind, ctx).map((t) => ({ label: targetLabel(t), detail: "" }));
    case "duration":
      return durations(state.kind).map((ms) => ({ label: span(ms), detail: "" }));
    case "confirm":
      return [{ label: "inject", detail: describe(state) }];
  }
}

export function moveMenu(state: MenuState, move: MenuMove, ctx: MenuContext): MenuResult {
  const count = menuOptions(state, ctx).length;
  switch (move) {
    case "up":
      return { state: { ...state, cursor: (state.cursor + count - 1) % count } };
    case "down":
      return { state: { ...state, cursor: (state.cursor + 1) % count } };
    case "back":
      return back(state, ctx);
    case "enter":
      return pick(state, ctx);
  }
}

function pick(state: MenuState, ctx: MenuContext): MenuResult {
  switch (state.step) {
    case "kind": {
      const kind = ctx.kinds[state.cursor];
      if (!kind) return { state };
      if (kind.scope === "fleet")
        return { state: atDuration({ step: "duration", cursor: 0, kind, target: { share: kind.defaultShare } }) };
      const options = targets(kind, ctx);
      const cursor = Math.max(
        0,
        options.findIndex((t) => "share" in t && t.share === kind.defaultShare),
      );
      return { state: { step: "target", cursor, kind } };
    }
    case "target": {
      const target = targets(state.kind, ctx)[state.cursor];
      return target ? { state: atDuration({ ...state, step: "duration", target }) } : { state };
    }
    case "duration": {
      const durationMs = durations(state.kind)[state.cursor];
      return durationMs ? { state: { ...state, step: "confirm", cursor: 0, durationMs } } : { state };
    }
    case "confirm": {
      const request = toRequest(state);
      return request ? { inject: request } : { cancel: true };
    }
  }
}

function back(state: MenuState, ctx: MenuContext): MenuResult {
  const kindCursor = Math.max(
    0,
    ctx.kinds.findIndex((k) => k === state.kind),
  );
  switch (state.step) {
    case "kind":
      return { cancel: true };
    case "target":
      return { state: { step: "kind", cursor: kindCursor } };
    case "duration":
      if (state.kind?.scope === "fleet") return { state: { step: "kind", cursor: kindCursor } };
      return { state: { step: "target", cursor: 0, ...(state.kind ? { kind: state.kind } : {}) } };
    case "confirm":
      return { state: atDuration({ ...state, step: "duration" }) };
  }
}

/** Puts the cursor on the kind's default duration. */
function atDuration(state: MenuState): MenuState {
  const options = durations(state.kind);
  const wanted = state.durationMs ?? state.kind?.defaultDurationMs;
  return { ...state, cursor: Math.max(0, options.indexOf(wanted ?? -1)) };
}

function targets(kind: AnomalyKind | undefined, ctx: MenuContext): Target[] {
  const shares = withDefault(SHARES, kind?.defaultShare);
  return [...shares.map((share) => ({ share })), ...ctx.topics.map((topic) => ({ topic }))];
}

const durations = (kind: AnomalyKind | undefined): number[] => withDefault(DURATIONS_MS, kind?.defaultDurationMs);

/** The presets, plus the kind's default in order when it is not one of them. */
function withDefault(presets: readonly number[], extra: number | undefined): number[] {
  const all = extra === undefined || presets.includes(extra) ? [...presets] : [...presets, extra];
  return all.sort((a, b) => a - b);
}

export function toRequest(state: MenuState): AnomalyRequest | undefined {
  const { kind, target, durationMs } = state;
  if (!kind || !target || durationMs === undefined) return undefined;
  // A topic means every device writing to it.
  return "topic" in target
    ? { kind: kind.name, share: 1, durationMs, topic: target.topic }
    : { kind: kind.name, share: target.share, durationMs };
}

function describe(state: MenuState): string {
  const { kind, target, durationMs } = state;
  if (!kind || !target || durationMs === undefined) return "";
  const on = kind.scope === "fleet" ? "the whole fleet" : targetLabel(target);
  return `${kind.name} on ${on} for ${span(durationMs)}`;
}
