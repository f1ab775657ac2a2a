/** The frame's line model: merging, cutting and padding as Ink's wrap="truncate" would. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { beside, fit, line, plainText, sameLines, seg, truncate } from "../../../src/ui/frame/line.ts";

test("neighbours of the same style merge; empty text and empty styles vanish", () => {
  assert.deepEqual(line("a", "b", seg("c", { color: "red" }), seg("d", { color: "red" }), "", seg("e", {})), [
    { text: "ab" },
    { text: "cd", style: { color: "red" } },
    { text: "e" },
  ]);
  assert.deepEqual(line(seg("x", { dim: false, bold: false, color: undefined })), [{ text: "x" }]);
});

test("truncate keeps width-1 cells and ends in …, across segments; fit pads to the width", () => {
  const l = line("abc", seg("defg", { color: "red" }));
  assert.equal(plainText([truncate(l, 7)]), "abcdefg");
  assert.deepEqual(truncate(l, 5), [{ text: "abc" }, { text: "d", style: { color: "red" } }, { text: "…" }]);
  assert.deepEqual(truncate(l, 0), []);
  assert.equal(plainText([fit(line("ab"), 4)]) + "|", "ab|");
  assert.deepEqual(fit(line("ab"), 4), [{ text: "ab  " }]);
  assert.equal(plainText([truncate(line("█▏x"), 2)]), "█…");
});

test("beside: the left column cut or padded to its width, the gap, then the right column", () => {
  const rows = beside([line("left one"), line("l2")], 5, 2, [line("r1"), line("r2"), line("right three")], 6);
  assert.equal(plainText(rows), ["left…  r1", "l2     r2", "       right…"].join("\n"));
});

test("sameLines compares text and style, not identity", () => {
  assert.ok(sameLines([line("a", seg("b", { color: "red" }))], [line("a", seg("b", { color: "red" }))]));
  assert.ok(!sameLines([line("a", seg("b", { color: "red" }))], [line("a", seg("b", { color: "blue" }))]));
  assert.ok(!sameLines([line("a")], [line("a"), line("b")]));
});
