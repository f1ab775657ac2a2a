// Time columns as other files write them: one- or two-digit days and months, month names,
// quarters; each detected, read and written back as the trace wrote it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { detectTimeFormat, layoutReader, layoutWriter } from "../../../src/sim/time-layout.ts";

const CASES: [string, string[], string][] = [
  ["MMM-D-YYYY", ["Jan-1-1995", "Feb-1-1995", "Dec-1-1995"], "1995-12-01"],
  ["YYYYQq", ["1974Q1", "1974Q2", "1974Q3", "1974Q4"], "1974-10-01"],
  ["YYYY-Qq", ["2020-Q3", "2020-Q4"], "2020-10-01"],
  ["M/D/YYYY", ["1/5/2024", "12/5/2024", "3/25/2024"], "2024-03-25"],
  ["D/M/YYYY H:mm", ["1/5/2024 9:05", "13/5/2024 10:15"], "2024-05-13T10:15"],
  ["DD-MMM-YYYY", ["01-Jan-2024", "15-Feb-2024"], "2024-02-15"],
  ["D MMM YYYY", ["1 Jan 2024", "15 Sep 2024"], "2024-09-15"],
  ["MMMM YYYY", ["January 2024", "February 2024"], "2024-02-01"],
  ["YYYYMMDD", ["19580329", "19580405"], "1958-04-05"],
  ["DD/MM/YYYY", ["05/01/2024", "13/01/2024"], "2024-01-13"],
];

test("each layout is detected, read as UTC and written back as the trace wrote it", () => {
  for (const [layout, values, last] of CASES) {
    assert.deepEqual(detectTimeFormat(values), { kind: "layout", layout }, values.join(" "));
    const read = layoutReader(layout);
    const write = layoutWriter(layout);
    assert.deepEqual(
      values.map((v) => write(read(v))),
      values,
      layout,
    );
    assert.equal(new Date(read(values.at(-1) as string)).toISOString().slice(0, last.length), last, layout);
  }
});

test("words that are not months, quarters past 4 and days past 31 are not times", () => {
  assert.ok(Number.isNaN(layoutReader("MMM-D-YYYY")("Foo-1-1995")));
  assert.ok(Number.isNaN(layoutReader("YYYYQq")("1974Q5")));
  assert.ok(Number.isNaN(layoutReader("M/D/YYYY")("1/32/2024")));
  assert.equal(detectTimeFormat(["Jan-1-1995", "Foo-1-1995"]), undefined);
  // A full name is not an abbreviation: "June 2024" is MMMM, not MMM.
  assert.deepEqual(detectTimeFormat(["May 2024", "June 2024"]), { kind: "layout", layout: "MMMM YYYY" });
});
