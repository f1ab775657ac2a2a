/**
 * Puts the dashboard's frames on the terminal. The lines come styled and cut to the width
 * (ansi.ts), so they are written as they are, the previous frame erased first, the way Ink's own
 * writer (log-update) does it. Ink 6.8 would instead lay every frame out again as a grid of
 * width × height cell objects and re-encode its colours: about three quarters of the dashboard's
 * CPU (`npm run bench:render`). Ink keeps the tree, the keys and the state.
 */

export interface FramePainter {
  /** `width`: the terminal's columns the frame was built for. */
  paint(lines: readonly string[], width: number): void;
}

interface Stream {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
}

const HIDE_CURSOR = "\u001B[?25l";
/** Synchronized output: the terminal shows the frame once it is whole (no flicker). */
const BEGIN_SYNC = "\u001B[?2026h";
const END_SYNC = "\u001B[?2026l";
const ERASE_LINE = "\u001B[2K";
const CURSOR_UP = "\u001B[1A";
const CURSOR_LEFT = "\u001B[G";
/** The visible screen cleared, the cursor at its top left. */
const CLEAR_SCREEN = "\u001B[2J\u001B[H";

/** `count` rows up from the cursor's, the cursor's own included, erased; the cursor left at the top. */
export function eraseRows(count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += ERASE_LINE + (i < count - 1 ? CURSOR_UP : "");
  return count > 0 ? out + CURSOR_LEFT : "";
}

/**
 * For a terminal: each new frame replaces the last one in place (the cursor waits on the row
 * below it, where the run's summary is printed at the end). A frame equal to the last is not
 * written. A narrower terminal has wrapped the last frame's rows onto more rows than it wrote
 * (Ink's writer leaves those above the new frame): the screen is cleared instead.
 */
export function terminalPainter(stream: Stream): FramePainter {
  let last = "";
  let lastWidth = 0;
  /** Rows the last write took: the frame's and the empty one the cursor is on. */
  let rows = 0;
  return {
    paint(lines, width) {
      const text = lines.join("\n");
      if (text === last && width === lastWidth && rows > 0) return;
      const sync = stream.isTTY === true;
      const before = rows === 0 ? HIDE_CURSOR : width < lastWidth ? CLEAR_SCREEN : eraseRows(rows);
      stream.write((sync ? BEGIN_SYNC : "") + before + text + "\n" + (sync ? END_SYNC : ""));
      last = text;
      lastWidth = width;
      rows = lines.length + 1;
    },
  };
}
