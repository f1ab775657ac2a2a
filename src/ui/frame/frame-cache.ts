/**
 * Frames built for the last two (snapshot, UI state, size, theme): the poller compares the shown
 * frame with the next one, then the render that follows reuses the one just built.
 */
import type { Snapshot } from "../../engine/snapshot.ts";
import type { TerminalSize } from "../hooks/use-terminal-size.ts";
import type { Theme } from "../theme.ts";
import type { UiState } from "../ui-state.ts";
import type { Frame } from "./dashboard.ts";
import { dashboardFrame } from "./dashboard.ts";

interface Entry {
  s: Snapshot;
  ui: UiState;
  size: TerminalSize;
  theme: Theme;
  frame: Frame;
}

export type FrameBuilder = (s: Snapshot, ui: UiState, size: TerminalSize, theme: Theme) => Frame;

export function cachedFrames(): FrameBuilder {
  let recent: Entry[] = [];
  return (s, ui, size, theme) => {
    const hit = recent.find((e) => e.s === s && e.ui === ui && e.size === size && e.theme === theme);
    if (hit) return hit.frame;
    const frame = dashboardFrame(s, ui, size, theme);
    recent = [{ s, ui, size, theme, frame }, ...recent.slice(0, 1)];
    return frame;
  };
}
