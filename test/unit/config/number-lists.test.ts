/** readYamlText with long number lists taken out of the text: the same data as the yaml library, the same problems. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { LineCounter, parseDocument } from "yaml";
import { stashNumberLists } from "../../../src/config/number-lists.ts";
import { readYamlText } from "../../../src/config/yaml-text.ts";

const list = (n: number, f: (i: number) => string = (i) => String(i * 0.37 - 2)): string =>
  `[${Array.from({ length: n }, (_, i) => f(i)).join(", ")}]`;

/** The data as the yaml library reads the whole text. */
function plain(text: string): unknown {
  return parseDocument(text, { uniqueKeys: false, merge: true }).toJS({ maxAliasCount: 100 });
}

function same(text: string): void {
  const read = readYamlText(text, "t.yaml");
  if (!("data" in read)) assert.fail(read.problem);
  assert.deepStrictEqual(read.data, plain(text));
}

test("a fitted fleet's lists: the same data (-0, exponents, nested and block lists)", () => {
  const numbers = list(40, (i) => ["0", "-0", "1.5e-7", "-2E+3", "12.25", "0.601", "-0.0", "123456789012345"][i % 8]!);
  const text = [
    "fleet:",
    "  trace:",
    "    fields:",
    `      a: {gen: trace, quantiles: ${numbers}, probabilities: ${list(30)}, decimals: 4}`,
    `      b: {gen: trace, weekly: ${list(7)}, transition: ${list(16)}}`,
    `      c: [${list(20)}, ${list(18)}]`,
    `      d: ${list(100)}`,
    "",
  ].join("\n");
  assert.equal(stashNumberLists(text)?.lists.size, 6, "the six lists of 16 numbers or more are taken out");
  same(text);
});

test("lists in a quoted or block text, a comment, a key, a merge or a tag: the same data as the yaml library", () => {
  const long = list(20);
  for (const text of [
    `a: "x: ${long}"\nb: ${long}\n`,
    `a: |\n  x: ${long}\nb: 1\n`,
    `# c: ${long}\nb: ${long}\n`,
    `a: {${long}: 1}\n`,
    `base: &b\n  q: ${long}\nk:\n  <<: *b\n  r: 2\n`,
    `a: !!seq ${long}\n`,
    `a: &x\n  q: ${long}\n  self: *x\nb: *x\n`,
    `%YAML 1.2\n---\na: ${long}\n`,
    `a: [01, 02, 03, 04, 05, 06, 07, 08, 09, 10, 11, 12, 13, 14, 15, 16]\n`,
  ])
    same(text);
});

test("problems are reported at the same place", () => {
  const long = list(50);
  const duplicate = readYamlText(`a: ${long}\nb: 1\na: ${long}\n`, "t.yaml");
  assert.ok("problem" in duplicate);
  assert.match(duplicate.problem, /^t\.yaml:3:1: invalid YAML: Map keys must be unique \("a" appears twice\)/);
  const text = `a: ${long}\nb: {c: ${long}\n`;
  const broken = readYamlText(text, "t.yaml");
  const lineCounter = new LineCounter();
  const error = parseDocument(text, { lineCounter, prettyErrors: false }).errors[0];
  assert.ok(error && "problem" in broken);
  const { line, col } = lineCounter.linePos(error.pos[0]);
  assert.ok(broken.problem.startsWith(`t.yaml:${line}:${col}: invalid YAML: `), broken.problem);
});
