/**
 * FrameView (one Ink text node: a blank placeholder, the styled lines put in by <Transform>)
 * draws exactly what stock Ink draws from nested <Text>s (./nested-text-frame.tsx), colours
 * included: the dashboard's frames at many sizes and themes, and random lines that Ink must cut.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import chalk from "chalk";
import { render } from "ink-testing-library";
import type { Frame } from "../../../src/ui/frame/dashboard.ts";
import { dashboardFrame } from "../../../src/ui/frame/dashboard.ts";
import type { Line, Style } from "../../../src/ui/frame/line.ts";
import { line, seg } from "../../../src/ui/frame/line.ts";
import { FrameView } from "../../../src/ui/components/Frame.tsx";
import { COLOR_THEME, PLAIN_THEME } from "../../../src/ui/theme.ts";
import type { UiState } from "../../../src/ui/ui-state.ts";
import { initialUi } from "../../../src/ui/ui-state.ts";
import { NestedTextFrame } from "./nested-text-frame.tsx";
import { busy, fourTopics, manyEvents } from "./scenes.tsx";

/**
 * Ink's Text and FrameView both style through this chalk (Ink's own); a test's stdout is no
 * terminal, so colour is turned on here, for this test only (the UI tests share one process).
 */
function inColour(run: () => void): () => void {
  return () => {
    const level = chalk.level;
    chalk.level = 1;
    try {
      run();
    } finally {
      chalk.level = level;
    }
  };
}

function drawn(view: "nested" | "frame", frame: Frame): string {
  const r = render(view === "nested" ? <NestedTextFrame frame={frame} /> : <FrameView frame={frame} />);
  const out = r.lastFrame() ?? "";
  r.unmount();
  return out;
}

/** Returns what both drew. */
function assertSame(frame: Frame, where: string): string {
  const expected = drawn("nested", frame);
  assert.equal(drawn("frame", frame), expected, where);
  return expected;
}

test(
  "the dashboard's frames: the same characters and colours as nested Texts",
  inColour(() => {
    const modes: Array<[string, UiState]> = [
      ["normal", initialUi()],
      ["help", { ...initialUi(), mode: { kind: "help" } }],
    ];
    let coloured = 0;
    for (const [name, engine] of Object.entries({ busy, fourTopics, manyEvents })) {
      for (const [mode, ui] of modes) {
        for (const theme of [COLOR_THEME, PLAIN_THEME]) {
          for (const [columns, rows] of [
            [100, 30],
            [80, 24],
            [60, 16],
            [40, 12],
            [15, 12],
          ] as const) {
            const frame = dashboardFrame(engine().snapshot(), ui, { columns, rows }, theme);
            const where = `${name} ${mode} ${theme === COLOR_THEME ? "colour" : "plain"} ${columns}×${rows}`;
            if (assertSame(frame, where).includes("\u001b[")) coloured++;
          }
        }
      }
    }
    assert.ok(coloured > 0, "no frame was drawn in colour: the comparison saw no styles");
  }),
);

/**
 * Every style the dashboard uses, and more. Not bold with dim: when stock Ink cuts such a text,
 * slice-ansi drops the bold (both end in 22m); the dashboard never combines them.
 */
const STYLES: ReadonlyArray<Style | undefined> = [
  undefined,
  { color: "cyan" },
  { color: "red", bold: true },
  { dim: true },
  { color: "green", dim: true },
  { bold: true },
  { color: "blue", bold: true },
];
const TEXTS = ["abc", "12,345", " ", "   ", "·", "›", "█▏", "x", "p99 ", "device-data", "…"];

/** Seeded frames of random styled lines, some wider than the frame (Ink cuts them). */
function randomFrames(count: number, seed: number): Frame[] {
  let s = seed;
  const next = (n: number): number => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) % n;
  return Array.from({ length: count }, () => {
    const lines: Line[] = Array.from({ length: 1 + next(5) }, () =>
      line(...Array.from({ length: next(7) }, () => seg(TEXTS[next(TEXTS.length)]!, STYLES[next(STYLES.length)]))),
    );
    return { width: 1 + next(30), lines };
  });
}

test(
  "random styled lines, cut where wider than the frame: the same as nested Texts",
  inColour(() => {
    let cut = 0;
    for (const [i, frame] of randomFrames(150, 16).entries()) {
      assertSame(frame, `frame ${i}: ${JSON.stringify(frame)}`);
      if (frame.lines.some((l) => l.reduce((n, x) => n + [...x.text].length, 0) > frame.width)) cut++;
    }
    assert.ok(cut > 20, `only ${cut} frames had a line to cut`);
  }),
);

test("text carrying escape sequences cannot reach the terminal", () => {
  const frame: Frame = {
    width: 40,
    lines: [line("broker says \u001b[2J\u001b[Hhi", seg("\u0007ok", { color: "red" }))],
  };
  const out = drawn("frame", frame);
  assert.ok(!out.includes("\u001b[2J") && !out.includes("\u001b[H") && !out.includes("\u0007"), JSON.stringify(out));
  assert.ok(out.includes("broker says [2J[Hhi"), JSON.stringify(out));
});
