// Issue 8, defect 7: stdin lines are capped in length and nothing typed is echoed raw.
import { test } from "node:test";
import assert from "node:assert/strict";
import { LineSplitter, MAX_LINE_BYTES } from "../../../src/cli/stdin-lines.ts";
import { parseControlLine } from "../../../src/cli/control-line.ts";
import { ComplaintThrottle } from "../../../src/cli/complaint-throttle.ts";
import { terminalSafe } from "../../../src/report/terminal-safe.ts";

function split(chunks: Buffer[]): Array<string | number> {
  const out: Array<string | number> = [];
  const splitter = new LineSplitter({ line: (t) => out.push(t), tooLong: (n) => out.push(n) });
  for (const c of chunks) splitter.push(c);
  splitter.end();
  return out;
}

test("lines come out whole whatever the chunking, multi-byte characters included", () => {
  const text = Buffer.from("rate 5000\r\npause\ninject spike 5% 30s\nrésumé ✓\nlast without newline");
  const expected = ["rate 5000\r", "pause", "inject spike 5% 30s", "résumé ✓", "last without newline"];
  for (const size of [1, 2, 3, 7, 64, text.length]) {
    const chunks: Buffer[] = [];
    for (let i = 0; i < text.length; i += size) chunks.push(text.subarray(i, i + size));
    assert.deepEqual(split(chunks), expected, `chunks of ${size}`);
  }
});

test("a 50 MB line is dropped as it arrives and said once; the next line still works", () => {
  const chunk = Buffer.alloc(64 * 1024, "9".charCodeAt(0));
  const out: Array<string | number> = [];
  const splitter = new LineSplitter({ line: (t) => out.push(t), tooLong: (n) => out.push(n) });
  const heap = process.memoryUsage().heapUsed;
  splitter.push(Buffer.from("rate "));
  for (let i = 0; i < 800; i++) splitter.push(chunk);
  splitter.push(Buffer.from("\npause\n"));
  assert.deepEqual(out, [5 + 800 * chunk.length, "pause"]);
  // Nothing of the 52 MB is kept (the splitter holds one MAX_LINE_BYTES buffer).
  assert.ok(process.memoryUsage().heapUsed - heap < 20 * 1024 * 1024);
  assert.deepEqual(split([Buffer.alloc(MAX_LINE_BYTES, 0x61)]), ["a".repeat(MAX_LINE_BYTES)]);
  assert.deepEqual(split([Buffer.alloc(MAX_LINE_BYTES + 1, 0x61)]), [MAX_LINE_BYTES + 1]);
});

test("escape sequences and other control characters are never a command and never echoed", () => {
  for (const line of [
    "\x1b]0;owned\x07",
    "rate \x1b[2J5000",
    "inject spike topic=\x9b31m",
    "\x00\x01\x02",
    "unknown\x7f",
  ]) {
    const parsed = parseControlLine(line);
    assert.ok(parsed && "error" in parsed, JSON.stringify(line));
    assert.match(parsed.error, /^ignored a line with control characters; commands: /);
    assert.doesNotMatch(parsed.error, /[\x00-\x1f\x7f-\x9f]/);
  }
  // Tabs and a Windows line end are just spacing.
  assert.deepEqual(parseControlLine("rate\t5000\r"), { command: { type: "setRate", rate: 5000 } });
});

test("echoed words are cut short and terminal-safe", () => {
  const parsed = parseControlLine(`frobnicate${"x".repeat(500)}`);
  assert.ok(parsed && "error" in parsed);
  assert.ok(parsed.error.length < 300, parsed.error);
  assert.equal(terminalSafe("a\x1b[31mb\x07c\u202ed\x9be\tf"), "a\\x1b[31mb\\x07c\\u202ed\\x9be\\x09f");
  assert.equal(terminalSafe("plain text, ünïcode ✓"), "plain text, ünïcode ✓");
});

test("complaints about bad lines are held to a few a second and the rest counted", () => {
  let now = 0;
  const printed: string[] = [];
  const throttle = new ComplaintThrottle(
    (l) => printed.push(l),
    5,
    () => now,
  );
  for (let i = 0; i < 1000; i++) throttle.complain(`bad ${i}`);
  assert.deepEqual(printed, ["bad 0", "bad 1", "bad 2", "bad 3", "bad 4"]);
  now = 1000;
  throttle.complain("bad later");
  assert.deepEqual(printed.slice(5), ["surge: 995 more bad control lines ignored", "bad later"]);
  throttle.flush();
  assert.equal(printed.length, 7);
});
