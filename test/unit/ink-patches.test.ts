/**
 * The build-time Ink patch (scripts/ink-patches) must draw what stock Ink draws: the patched
 * Output.get and the stock one replay the same operations (random ones, and every frame of the
 * real dashboard) and must give the same cells, row by row (./ink-patches/cells.ts). Mutants at
 * the end break the fast path on purpose to show the comparison catches it.
 */
import "./ink-patches/force-color.ts";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { createElement } from "react";
import { reduceAnsiCodesIncremental, tokenize } from "@alcalzone/ansi-tokenize";
import stringWidth from "string-width";
import { INK_PATCHES, checkInkPatches, inkPatches, patchInkSource } from "../../scripts/ink-patches/index.ts";
import type { InkPatch, PluginBuild } from "../../scripts/ink-patches/index.ts";
import { createFastGet } from "../../scripts/ink-patches/fast-output.ts";
import type { OutputLike } from "../../scripts/ink-patches/fast-output.ts";
import { FAST_OUTPUT_FILE, outputGetFast } from "../../scripts/ink-patches/output-get-fast.ts";
import { measureTextBounded, wrapTextBounded } from "../../scripts/ink-patches/bounded-caches.ts";
import { App } from "../../src/ui/App.tsx";
import { COLOR_THEME } from "../../src/ui/theme.ts";
import { assertSameDrawing } from "./ink-patches/cells.ts";
import { OUTPUT_JS, draw, patchedOutput, stockOutput } from "./ink-patches/outputs.ts";
import type { Op, OutputClass, OutputInstance, Transformer } from "./ink-patches/outputs.ts";
import { Gen } from "./ink-patches/random-ops.ts";
import { renderAt, type } from "./ui/render.ts";
import { busy, fourTopics, manyEvents } from "./ui/scenes.tsx";
import type { FakeEngine } from "./ui/fixtures.ts";

const SEEDS = [1, 2, 3, 42, 20240229, 987654321];
const CASES = 250;
/** Whether the fast path takes a frame (it returns undefined when stock must draw it). */
const fastGet = createFastGet({ stringWidth, tokenize, reduceAnsiCodesIncremental });
const takesFastPath = (width: number, height: number, operations: readonly Op[]): boolean =>
  fastGet({ width, height, operations } as unknown as OutputLike) !== undefined;

interface Case {
  label: string;
  width: number;
  height: number;
  ops: Op[];
}

type Kind = "layout" | "rough" | "chaos";
const KINDS: readonly Kind[] = ["layout", "rough", "chaos"];

function randomCases(seed: number, kind: Kind): Case[] {
  const g = new Gen(seed);
  return Array.from({ length: CASES }, (_, i) => {
    const width = 1 + g.int(40);
    const height = 1 + g.int(8);
    const ops = kind === "chaos" ? g.chaos(width, height) : g.layout(width, height, kind === "rough");
    return { label: `${kind} seed ${seed} case ${i} (${width}×${height})`, width, height, ops };
  });
}

/** Throws an AssertionError at the first case the two Outputs draw differently. */
function compare(Patched: OutputClass, Stock: OutputClass, cases: readonly Case[]): void {
  for (const c of cases)
    assertSameDrawing(draw(Patched, c.width, c.height, c.ops), draw(Stock, c.width, c.height, c.ops), c.label);
}

/* ---------------------------------------------------------------------- the patch and plugin */

test("ink patches: apply to the installed Ink, fail loudly on any other text", () => {
  checkInkPatches();
  const source = readFileSync(OUTPUT_JS, "utf8");
  const patched = outputGetFast.apply(source);
  assert.notEqual(patched, source);
  assert.ok(patched.includes(JSON.stringify(FAST_OUTPUT_FILE)));
  assert.throws(() => outputGetFast.apply(""), /ink patch "output-get-fast": expected/);
  assert.throws(() => outputGetFast.apply(patched), /ink patch/, "applied twice");
  // Every stock line the fast path relies on is checked: drift one and the patch refuses.
  for (const relied of [
    "return styledCharsToString(lineWithoutEmptyItems).trimEnd();",
    "line = transformer(line, index);",
    "Math.max(1, this.caches.getStringWidth(character.value))",
  ]) {
    assert.throws(() => outputGetFast.apply(source.replace(relied, relied.replace("(", "( "))), /ink patch/, relied);
  }
  const moved: InkPatch = { ...outputGetFast, module: "ink/build/renderer.js" };
  assert.throws(() => checkInkPatches([moved]), /ink patch/);
  assert.equal(patchInkSource(OUTPUT_JS.replace("output.js", "renderer.js"), "x"), "x", "other files untouched");
});

test("ink patches: the Bun plugin rewrites the patched Ink files only", () => {
  const registered: { filter: RegExp; callback: (args: { path: string }) => { contents: string; loader: string } }[] =
    [];
  const build: PluginBuild = { onLoad: (options, callback) => registered.push({ filter: options.filter, callback }) };
  inkPatches.setup(build);
  assert.equal(inkPatches.name, "ink-patches");
  assert.equal(registered.length, 1);
  const [hook] = registered;
  assert.ok(hook!.filter.test(OUTPUT_JS));
  assert.ok(hook!.filter.test(OUTPUT_JS.replaceAll("/", "\\")), "Windows path");
  for (const other of ["renderer.js", "ink.js", "render-node-to-output.js"])
    assert.ok(!hook!.filter.test(OUTPUT_JS.replace("output.js", other)), other);
  assert.ok(!hook!.filter.test("/x/node_modules/other/build/output.js"));
  assert.equal(
    hook!.callback({ path: OUTPUT_JS }).contents,
    patchInkSource(OUTPUT_JS, readFileSync(OUTPUT_JS, "utf8")),
  );
  for (const cached of ["measure-text.js", "wrap-text.js"])
    assert.ok(hook!.filter.test(OUTPUT_JS.replace("output.js", cached)), cached);
  assert.deepEqual(INK_PATCHES, [outputGetFast, measureTextBounded, wrapTextBounded]);
});

/* -------------------------------------------------------------------------- random operations */

test("output-get-fast: draws the same cells as stock on random layouts (fast path) and chaos (fallback)", async () => {
  const [Patched, Stock] = [await patchedOutput(), await stockOutput()];
  const fast = { layout: 0, rough: 0, chaos: 0 };
  for (const seed of SEEDS) {
    for (const kind of KINDS) {
      const cases = randomCases(seed, kind);
      compare(Patched, Stock, cases);
      fast[kind] += cases.filter((c) => takesFastPath(c.width, c.height, c.ops)).length;
    }
  }
  // Not vacuous: the fast path drew most layouts (it leaves bold+dim → bold to stock), many rough ones.
  const all = SEEDS.length * CASES;
  assert.ok(fast.layout >= 0.5 * all && fast.rough >= 0.15 * all && fast.chaos > 0, JSON.stringify(fast));
});

const w = (x: number, y: number, text: string, transformers: Transformer[] = []): Op => ({
  type: "write",
  x,
  y,
  text,
  transformers,
});
/** Hand-picked cases at the edges of the fast path (trimming, open styles, widths, intensity). */
const EDGE_CASES: Case[] = [
  { label: "nothing", width: 5, height: 3, ops: [] },
  { label: "zero size", width: 0, height: 0, ops: [] },
  { label: "styled trailing spaces kept", width: 10, height: 1, ops: [w(0, 0, "\u001B[41mab  \u001B[49m")] },
  { label: "unstyled trailing spaces trimmed", width: 10, height: 1, ops: [w(0, 0, "\u001B[31mab\u001B[39m   ")] },
  { label: "no-op codes after trailing spaces", width: 10, height: 1, ops: [w(0, 0, "ab  \u001B[1m\u001B[22m")] },
  { label: "unclosed style before a gap", width: 12, height: 1, ops: [w(0, 0, "\u001B[31mab"), w(6, 0, "cd")] },
  { label: "unclosed style, spaces at the end", width: 12, height: 1, ops: [w(0, 0, "\u001B[44mab   ")] },
  { label: "wide chars side by side", width: 8, height: 1, ops: [w(0, 0, "漢字"), w(4, 0, "😀█")] },
  { label: "wide char one column too far", width: 8, height: 1, ops: [w(0, 0, "漢字"), w(3, 0, "x")] },
  { label: "exactly full width", width: 4, height: 1, ops: [w(0, 0, "ab"), w(2, 0, "\u001B[7mcd\u001B[27m")] },
  { label: "past the width", width: 3, height: 1, ops: [w(1, 0, "abc"), w(4, 0, "\u001B[31mde\u001B[39m")] },
  { label: "starting past the width", width: 3, height: 1, ops: [w(1, 0, "abc"), w(5, 0, "de")] },
  {
    label: "bold+dim, then bold",
    width: 6,
    height: 1,
    ops: [w(0, 0, "\u001B[1m\u001B[2mab\u001B[22m\u001B[1mcd\u001B[22m")],
  },
  {
    label: "bold+dim beside bold",
    width: 6,
    height: 1,
    ops: [w(0, 0, "\u001B[1m\u001B[2mab\u001B[22m"), w(2, 0, "\u001B[1mcd\u001B[22m")],
  },
  {
    label: "bold+dim, a gap, then bold",
    width: 6,
    height: 1,
    ops: [w(0, 0, "\u001B[1m\u001B[2mab\u001B[22m"), w(3, 0, "\u001B[1mcd\u001B[22m")],
  },
  { label: "unknown SGR code", width: 6, height: 1, ops: [w(0, 0, "\u001B[31m\u001B[99mab\u001B[39mcd")] },
  { label: "ideographic space at the end", width: 6, height: 1, ops: [w(0, 0, "a\u3000")] },
  {
    label: "blank line in between",
    width: 6,
    height: 3,
    ops: [w(1, 0, "a\n\nb", [(l, i) => (i === 1 ? "\u001B[31m\u001B[39m" : l)])],
  },
  { label: "transformer erases", width: 6, height: 1, ops: [w(1, 0, "abc", [() => ""])] },
  { label: "below the frame", width: 6, height: 2, ops: [w(0, 1, "a\nb\nc")] },
  { label: "combining mark, then a write", width: 6, height: 1, ops: [w(0, 0, "e\u0301x"), w(3, 0, "y")] },
  { label: "overlapping writes", width: 6, height: 1, ops: [w(0, 0, "abcd"), w(2, 0, "\u001B[32mXY\u001B[39m")] },
];

test("output-get-fast: edge cases", async () => {
  const [Patched, Stock] = [await patchedOutput(), await stockOutput()];
  const cases = EDGE_CASES;
  compare(Patched, Stock, cases);
  const fast = (label: string): boolean => {
    const c = cases.find((k) => k.label === label)!;
    return takesFastPath(c.width, c.height, c.ops);
  };
  for (const label of [
    "styled trailing spaces kept",
    "unclosed style before a gap",
    "wide chars side by side",
    "past the width",
    "bold+dim, a gap, then bold",
  ])
    assert.ok(fast(label), label);
  for (const label of [
    "wide char one column too far",
    "starting past the width",
    "bold+dim, then bold",
    "bold+dim beside bold",
    "unknown SGR code",
  ])
    assert.ok(!fast(label), label);
});

/* ------------------------------------------------------------------- the real dashboard frames */

interface Frame {
  width: number;
  height: number;
  ops: Op[];
}

/** Every Output the real dashboard draws (stock Ink, colour theme), at several sizes and screens. */
async function dashboardFrames(): Promise<Frame[]> {
  const Stock = await stockOutput();
  const frames: Frame[] = [];
  const stockGet = Stock.prototype.get;
  Stock.prototype.get = function (this: OutputInstance) {
    frames.push({ width: this.width, height: this.height, ops: [...this.operations] });
    return stockGet.call(this);
  };
  try {
    const scenes: Array<[() => FakeEngine, number, number, string[]]> = [
      [busy, 100, 30, []],
      [busy, 80, 24, ["?"]],
      [fourTopics, 80, 24, ["t", "l"]],
      [manyEvents, 60, 20, []],
      [busy, 100, 30, ["a"]],
    ];
    for (const [engine, columns, rows, keys] of scenes) {
      const r = await renderAt(createElement(App, { engine: engine(), hz: 10, theme: COLOR_THEME }), columns, rows);
      await type(r, ...keys);
      r.unmount();
    }
  } finally {
    Stock.prototype.get = stockGet;
  }
  return frames;
}

test("output-get-fast: every frame of the real dashboard takes the fast path and draws the same cells", async () => {
  const [Patched, Stock] = [await patchedOutput(), await stockOutput()];
  const frames = await dashboardFrames();
  assert.ok(frames.length >= 5, `${frames.length} frames`);
  assert.ok(
    frames.some((f) =>
      f.ops.some((op) => op.type === "write" && op.transformers.some((t) => t(op.text, 0).includes("\u001B["))),
    ),
    "frames with colour",
  );
  frames.forEach((f, i) => {
    assert.ok(takesFastPath(f.width, f.height, f.ops), `frame ${i} takes the fast path`);
    assertSameDrawing(draw(Patched, f.width, f.height, f.ops), draw(Stock, f.width, f.height, f.ops), `frame ${i}`);
  });
});

/* ----------------------------------------------------------- mutants: the comparisons can fail */

const FAST_SOURCE = readFileSync(FAST_OUTPUT_FILE, "utf8");
/** fast-output.ts with each [find, replacement] pair of `edits` applied. */
function mutate(edits: readonly string[]): string {
  let source = FAST_SOURCE;
  for (let i = 0; i < edits.length; i += 2) {
    // Not an AssertionError: a stale mutant must fail the test, not pass for the comparison.
    if (!source.includes(edits[i]!)) throw new Error(`mutant text not found: ${edits[i]}`);
    source = source.replace(edits[i]!, edits[i + 1]!);
  }
  return source;
}

test("mutants: a broken fast path is caught by the comparison", async () => {
  const Stock = await stockOutput();
  const cases = [...EDGE_CASES, ...SEEDS.flatMap((seed) => KINDS.flatMap((kind) => randomCases(seed, kind)))];
  const mutants: Array<[string, string, string, ...string[]]> = [
    ["no reset after open styles", "const full = styles.length > 0 ? line + RESET : line;", "const full = line;"],
    ["stock's trim ignored", "(j === last ? info.trimmed : info.full)", "info.full"],
    ["styled trailing spaces trimmed", "if (!space || styles.length > 0) {", "if (!space) {"],
    ["wide characters as one column", "width: Math.max(1, deps.stringWidth(ch))", "width: 1"],
    [
      "overlaps not declined",
      "> next.x) return undefined; // overlap",
      "> next.x + 1000) return undefined;",
      '" ".repeat(x - column)',
      '" ".repeat(Math.max(0, x - column))',
    ],
    ["transformers skipped", "for (const transformer of transformers) line = transformer(line, index);", ""],
    ["joining characters accepted", "graphemes(`a${ch}a`) === 3 && graphemes(ch + ch) === 2", "true"],
    ["stock's bold+dim quirk ignored", "if (prevBoth && one) return null;", ""],
    [
      "clips drawn as writes",
      'if (op.type !== "write") return undefined; // clips: stock',
      'if (op.type !== "write") continue;',
    ],
  ];
  for (const [name, ...edits] of mutants) {
    const Mutant = await patchedOutput(mutate(edits));
    assert.throws(() => compare(Mutant, Stock, cases), assert.AssertionError, name);
  }
});
