/**
 * Files of other shapes: blank-separated, headerless, R's row names, comments, BOM and CRLF; text
 * columns with runs fitted as chains; weekday names written from simulated time.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { parseCsv, type CsvTable } from "../../../src/trace/csv.ts";
import { detectTimeFormat, layoutReader, layoutWriter } from "../../../src/sim/time-layout.ts";
import { traceShape } from "../../../src/trace/columns.ts";
import { chainOf, meanRunLength, showsRuns } from "../../../src/trace/text-chains.ts";
import { nameClockOf } from "../../../src/trace/name-clocks.ts";
import { Random } from "../../../src/sim/random.ts";
import { failures, roundTrip } from "./round-trip.ts";
import { blankDump, occupancyTrace } from "./synthetic-shapes.ts";
import { parsedTable, surgeIn } from "./helpers.ts";

const table = (text: string): CsvTable => parsedTable(text, "t.txt");

test("runs of blanks separate columns; a header row is found by its words", () => {
  const t = table("  time    temp\thum\n 1700000000   20.1   50\n\t1700000060  20.3 51\n 1700000120  20.2  52\n");
  assert.deepEqual(t.header, ["time", "temp", "hum"]);
  assert.deepEqual(t.rows[1], ["1700000060", "20.3", "51"]);
  assert.equal(t.notes, undefined);
});

test("a file whose first line holds values has no header: col1..colN, and a note says so", () => {
  const t = table("2024-01-01 00:00,1.5\n2024-01-01 00:10,2.5\n2024-01-01 00:20,3.5\n");
  assert.deepEqual(t.header, ["col1", "col2"]);
  assert.equal(t.rows.length, 3, "the first line is a row");
  assert.match(t.notes?.[0] ?? "", /no header row .* col1\.\.col2/);
  // A commented line of names just above the values is the header (gnuplot's "# t v").
  const named = table("# dump of logger 3\n# t   v\n1 2\n3 4\n5 6\n");
  assert.deepEqual(named.header, ["t", "v"]);
  assert.equal(named.rows.length, 3);
});

test("R's write.table (a header one short: row names) and write.csv (an unnamed first column)", () => {
  const t = table('"x" "y"\n"1" 1.5 2\n"2" 1.6 3\n"3" 1.7 4\n');
  assert.deepEqual(t.header, ["row", "x", "y"]);
  assert.deepEqual(t.rows[0], ["1", "1.5", "2"]);
  assert.deepEqual(table('"","x","y"\n"1",1.5,2\n"2",1.6,3\n"3",1.7,4\n').header, ["row", "x", "y"]);
});

test("separators: the one that cuts every line alike wins; BOM, CRLF, comments and trailing blank lines", () => {
  // Semicolons with decimal commas: a comma cuts the rows alike too, but not the header.
  const semi = table(
    "\uFEFFtime;temp;hum\r\n# calibrated\r\n2024-01-01 00:00;3,5;40\r\n2024-01-01 00:10;3,6;41\r\n2024-01-01 00:20;3,7;42\r\n\r\n\r\n",
  );
  assert.deepEqual(semi.header, ["time", "temp", "hum"]);
  assert.deepEqual(
    semi.rows.map((r) => r[1]),
    ["3.5", "3.6", "3.7"],
  );
  // Tabs, cells with blanks inside.
  const tab = table(
    "time\ttemp\tnote\n2024-01-01 00:00\t3.5\tdoor open\n2024-01-01 00:10\t3.6\tok\n2024-01-01 00:20\t3.7\tok\n",
  );
  assert.deepEqual(tab.rows[0], ["2024-01-01 00:00", "3.5", "door open"]);
  // Quoted cells hold the separator, quotes and line breaks.
  const quoted = table('id,name,v\n1,"Smith, J",2\n2,"say ""hi""\nthere",3\n3,x,4\n');
  assert.deepEqual(
    quoted.rows.map((r) => r[1]),
    ["Smith, J", 'say "hi"\nthere', "x"],
  );
  // Bars.
  assert.deepEqual(table("a|b\n1|2\n3|4\n5|6\n").header, ["a", "b"]);
  // No header: the cut whose cells read as numbers wins (decimal commas, by semicolons or blanks).
  for (const text of [
    "2024-01-01 00:00;3,5;40\n2024-01-01 00:10;3,6;41\n2024-01-01 00:20;3,7;42\n",
    "1700000000 3,5 4,2\n1700000060 3,6 4,3\n1700000120 3,7 4,4\n",
  ])
    assert.deepEqual(table(text).rows[1]?.slice(1), ["3.6", text.includes(";") ? "41" : "4.3"], text);
  // Commas beside times with a blank in them: a header one short of the blank cut is no row names.
  assert.deepEqual(
    table("time,status\n2024-01-01 00:00,vacant\n2024-01-01 00:10,vacant\n2024-01-01 00:20,busy\n").rows[2],
    ["2024-01-01 00:20", "busy"],
  );
  // A separator ending every row (some exporters) cuts off nothing.
  assert.deepEqual(table("a,b\n1,2,\n3,4,\n5,6,\n").rows[2], ["5", "6"]);
});

test("bad files: one line naming the file and the line", () => {
  const cases: [string, RegExp][] = [
    ["a b c\n1 2 3\n4 5\n6 7 8\n9 1 2\n", /^t\.txt: line 3 has 2 blank-separated cells, the header 3$/],
    ["# only a comment\n\n", /^t\.txt: nothing to read \(the file is empty/],
    ["", /^t\.txt: nothing to read/],
    ['a,b\n1,"2\n3,4\n', /^t\.txt: a quoted cell is never closed$/],
    ["x y\n1 2\n", /^t\.txt: 1 data rows; a trace needs at least 3$/],
  ];
  for (const [text, message] of cases) {
    const r = parseCsv(text, "t.txt");
    assert.ok("problem" in r, text);
    assert.match(r.problem, message);
  }
});

test("timeText names: ddd dddd MMM MMMM written, skipped when read", () => {
  const ms = Date.UTC(2025, 2, 3, 9, 30); // a Monday in March
  assert.equal(layoutWriter("ddd dddd MMM MMMM YYYY-MM-DD")(ms), "Mon Monday Mar March 2025-03-03");
  assert.equal(layoutReader("ddd YYYY-MM-DD HH:mm")("Mon 2025-03-03 09:30"), ms);
});

test("a text column's chain keeps its shares exactly (counted as a ring) and its runs", () => {
  const x = ["a", "a", "a", "b", "b", "a", "a", "c"];
  const chain = chainOf(x);
  assert.deepEqual(chain.initial, { a: 5, b: 2, c: 1 });
  // a: 5 rows, leaves twice (to b, to c); b leaves once in 2; c goes round to a.
  assert.deepEqual(chain.states, { a: { next: { b: 0.2, c: 0.2 } }, b: { next: { a: 0.5 } }, c: { next: { a: 1 } } });
  assert.equal(meanRunLength([x]), 8 / 4);
  assert.equal(showsRuns([Array.from({ length: 400 }, (_, i) => (Math.floor(i / 20) % 2 ? "ON" : "OFF"))]), true);
  const r = new Random(1);
  assert.equal(
    showsRuns([Array.from({ length: 4000 }, () => (r.next() < 0.3 ? "ON" : "OFF"))]),
    false,
    "independent draws",
  );
});

test("occupancy with long runs and a weekday name: a chain and a name clock; compare passes", () => {
  const csv = occupancyTrace(24 * 6 * 42);
  const { yaml, result, lines } = roundTrip(csv, { rowsPerDevice: 60_000 });
  assert.match(yaml, /status:[^\n]*\n\s+# text with runs|gen: state/);
  assert.match(yaml, /weekday: \{gen: timeText, layout: ddd, time: simulated\}/);
  const run = result.columns.find((l) => l.column === "status" && l.stat === "mean run length (rows)");
  assert.ok(run && run.trace > 10, `the trace's runs are long: ${run?.trace}`);
  assert.ok(run.pass, `runs kept: ${run.trace} vs ${run.generated}`);
  // Every generated row names its own time's weekday.
  for (const l of lines.slice(0, 500)) {
    const v = (JSON.parse(l) as { value: { time: string; weekday: string } }).value;
    assert.equal(layoutWriter("ddd")(Date.parse(`${v.time.replace(" ", "T")}Z`)), v.weekday);
  }
  assert.deepEqual(failures(result), []);
});

// The real CLI: a headerless, blank-separated dump (CRLF, a comment, trailing blank lines).
const dir = mkdtempSync(join(tmpdir(), "surge-shapes-"));
const surge = surgeIn(dir);

test("CLI: init, sample and compare a headerless blank-separated dump", () => {
  const trace = join(dir, "dump.dat");
  writeFileSync(trace, blankDump(3000));
  const fleet = join(dir, "dump.yaml");
  const init = surge("init", "--from-trace", trace, "--out", fleet);
  assert.equal(init.code, 0, init.stderr);
  assert.match(init.stderr, /dump\.dat: the file has no header row .*col1\.\.col2/);
  assert.match(init.stderr, /time column col1/);
  const sample = surge("sample", "--scenario", fleet, "--json", "-n", "30000", "--seed", "7");
  assert.equal(sample.code, 0, sample.stderr);
  writeFileSync(join(dir, "sample.jsonl"), sample.stdout);
  const compare = surge("compare", trace, join(dir, "sample.jsonl"));
  assert.equal(compare.code, 0, compare.stdout);
  assert.match(compare.stdout, /col2 +lag-1 autocorrelation/);
  const bad = surge("init", "--from-trace", file("ragged.dat", "a b\n1 2\n3\n4 5\n"));
  assert.equal(bad.code, 2);
  assert.deepEqual(bad.stderr.trim().split("\n").length, 1, bad.stderr);
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

test("name clocks: a month over a year of days is one, a weekday over three days or with typos is not", () => {
  const days = (n: number, from = Date.UTC(2023, 0, 1)): Float64Array =>
    Float64Array.from({ length: n }, (_, i) => from + i * 86_400_000);
  const named = (times: Float64Array, layout: string): string[] => Array.from(times, (t) => layoutWriter(layout)(t));
  const year = days(365);
  assert.deepEqual(nameClockOf([{ texts: named(year, "MMMM"), times: year }]), { what: "month name", layout: "MMMM" });
  const month = days(60);
  assert.deepEqual(nameClockOf([{ texts: named(month, "ddd"), times: month }]), {
    what: "weekday name",
    layout: "ddd",
  });
  // Three days name three weekdays: a sample over many would not keep their shares.
  const short = days(3);
  assert.equal(nameClockOf([{ texts: named(short, "ddd"), times: short }]), undefined);
  // One row in fifty disagrees with its time: the column is not the clock.
  const typos = named(month, "ddd").map((v, i) => (i % 50 === 7 ? "Mon" : v));
  assert.equal(nameClockOf([{ texts: typos, times: month }]), undefined);
  assert.equal(nameClockOf([{ texts: named(month, "ddd") }]), undefined, "no times, no clock");
});

test("more time shapes: compact stamps, dashed and dotted dates, times of day with dots", () => {
  assert.deepEqual(detectTimeFormat(["202207010000", "202207010010"]), { kind: "layout", layout: "YYYYMMDDHHmm" });
  assert.deepEqual(detectTimeFormat(["20220701", "20220702"]), { kind: "layout", layout: "YYYYMMDD" });
  assert.deepEqual(detectTimeFormat(["31-12-2020 23:59"]), { kind: "layout", layout: "DD-MM-YYYY HH:mm" });
  assert.deepEqual(detectTimeFormat(["31.12.2020"]), { kind: "layout", layout: "DD.MM.YYYY" });
  assert.equal(detectTimeFormat(["840", "850"]), undefined, "an HHMM reading is no date");
  // UCI's air quality: semicolons, decimal commas, "18.00.00" beside the date, two empty columns.
  const t = table(
    "Date;Time;CO(GT);T;;\r\n10/03/2004;18.00.00;2,6;13,6;;\r\n10/03/2004;19.00.00;2;13,3;;\r\n10/03/2004;20.00.00;2,2;11,9;;\r\n",
  );
  const shape = traceShape(t, {});
  if ("problem" in shape) assert.fail(shape.problem);
  assert.equal(shape.time?.dayTime?.layout, "HH.mm.ss");
  assert.equal(shape.cadenceMs, 3_600_000);
  assert.deepEqual(
    shape.numeric.map((n) => n.name),
    ["CO(GT)", "T"],
  );
});

test("a logger's preamble and units rows (Campbell's TOA5) are skipped, each with a note", () => {
  const t = table(
    '"TOA5","CR1000","CR1000","1234","CR1000.Std.32","CPU:met.CR1","5678","Table1"\r\n' +
      '"TIMESTAMP","RECORD","AirT_C","RH"\r\n' +
      '"TS","RN","Deg C","%"\r\n' +
      '"","","Avg","Smp"\r\n' +
      '"2024-05-01 00:10:00",0,11.2,80\r\n' +
      '"2024-05-01 00:20:00",1,11.0,81\r\n' +
      '"2024-05-01 00:30:00",2,10.9,83\r\n' +
      '"2024-05-01 00:40:00",3,10.7,84\r\n',
  );
  assert.deepEqual(t.header, ["TIMESTAMP", "RECORD", "AirT_C", "RH"]);
  assert.deepEqual(t.rows[0], ["2024-05-01 00:10:00", "0", "11.2", "80"]);
  assert.equal(t.rows.length, 4);
  assert.match(t.notes?.[0] ?? "", /the first line is a preamble/);
  assert.match(t.notes?.[1] ?? "", /lines 3, 4 below the header hold units or labels/);
});
