/**
 * Ink 6.8 remembers every distinct text it measures (measure-text.js) or wraps (wrap-text.js), for
 * the life of the process. So the dashboard must hand Ink a bounded set of texts however its
 * numbers move, or a long run grows without end (issue 9). The real App draws frames whose every
 * number changes; the texts Ink measures are read from Ink's own tree (a Box's ref), squashed the
 * way Ink squashes a text node before measuring it.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { DOMElement } from "ink";
import { Box } from "ink";
import { render } from "ink-testing-library";
import { createRef } from "react";
import type { Snapshot } from "../../../src/engine/snapshot.ts";
import { App } from "../../../src/ui/App.tsx";
import { COLOR_THEME } from "../../../src/ui/theme.ts";
import { FakeEngine, snapshot, stats, T0, topic } from "./fixtures.ts";

/** The n-th moment of a busy run: counters, rates, latencies and the clock all differ. */
function moment(n: number): Snapshot {
  const r = (k: number): number => ((n * 7919 + k * 104_729) % 10_007) / 10_007;
  return snapshot({
    elapsedMs: 60_000 + n * 100,
    takenMs: T0 + n * 100,
    generatedPerSec: 19_000 + 2000 * r(6),
    ackedPerSec: 20_000 + 2000 * r(7),
    topics: [
      topic("device-data", "data", 19_000 + Math.round(2000 * r(1)), {
        acked: n * 2000,
        generated: n * 2000 + 40,
        inFlight: Math.round(100 * r(8)),
        latency: stats(3 + r(2), 18 + 5 * r(3), 60 + 100 * r(4), n * 2000),
      }),
      topic("alerts", "alerts", 700 + Math.round(100 * r(5)), { acked: n * 75 }),
    ],
  });
}

/** Ink's squashTextNodes: a text node's own text, nested texts through their transforms. */
function squash(node: DOMElement): string {
  let text = "";
  node.childNodes.forEach((child, index) => {
    if (child.nodeName === "#text") {
      text += child.nodeValue;
      return;
    }
    let nested = child.nodeName === "ink-text" || child.nodeName === "ink-virtual-text" ? squash(child) : "";
    if (nested.length > 0 && child.internal_transform) nested = child.internal_transform(nested, index);
    text += nested;
  });
  return text;
}

/** Every text Ink measures in this tree: one per outermost text node. */
function measured(node: DOMElement, into: Set<string>): void {
  if (node.nodeName === "ink-text") {
    into.add(squash(node));
    return;
  }
  for (const child of node.childNodes) if (child.nodeName !== "#text") measured(child, into);
}

test("a dashboard whose numbers change every frame hands Ink a bounded set of texts", () => {
  const engine = new FakeEngine(moment(0));
  const root = createRef<DOMElement>();
  const tree = (final: Snapshot) => (
    <Box ref={root}>
      <App engine={engine} hz={10} theme={COLOR_THEME} final={final} />
    </Box>
  );
  const r = render(tree(moment(0)));
  const texts = new Set<string>();
  const screens = new Set<string>();
  const grownBy: number[] = [];
  for (let n = 1; n <= 150; n++) {
    const before = texts.size;
    r.rerender(tree(moment(n)));
    assert.ok(root.current, "the Box's ref gives Ink's node");
    measured(root.current, texts);
    screens.add(r.lastFrame() ?? "");
    grownBy.push(texts.size - before);
  }
  r.unmount();
  // The frames really differ, so a dashboard that measures what it shows grows every frame.
  assert.ok(screens.size > 120, `only ${screens.size} distinct screens`);
  const late = grownBy.slice(50).reduce((a, b) => a + b, 0);
  assert.equal(late, 0, `Ink measured ${late} new texts in frames 51-150 (${texts.size} in all)`);
  assert.ok(texts.size <= 4, `${texts.size} distinct texts`);
});
