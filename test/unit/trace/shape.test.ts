/** CSV reading, time formats, column roles and cycle detection. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { traceShape } from "../../../src/trace/columns.ts";
import { parseCsv, type CsvTable } from "../../../src/trace/csv.ts";
import { findCycles } from "../../../src/trace/cycles.ts";
import { detectTimeFormat, layoutReader, layoutWriter } from "../../../src/sim/time-layout.ts";
import { normalScores } from "../../../src/trace/stats.ts";
import { Random } from "../../../src/sim/random.ts";
import { gauss } from "../../../src/sim/gauss.ts";
import { parsedTable } from "./helpers.ts";

const table = (text: string): CsvTable => parsedTable(text, "t.csv");

test("CSV: quotes, doubled quotes, CRLF, semicolons; ragged rows are one line", () => {
  const t = table('"a";"b"\r\n"x;y";"say ""hi"""\r\n1;2\r\n3;4\r\n');
  assert.deepEqual(t.header, ["a", "b"]);
  assert.deepEqual(t.rows[0], ["x;y", 'say "hi"']);
  const bad = parseCsv("a,b\n1,2\n3\n4,5\n", "bad.csv");
  assert.ok("problem" in bad && /bad\.csv: line 3 has 1 cells, the header 2/.test(bad.problem));
});

test("time layouts are detected, read and written back the same", () => {
  for (const [text, layout] of [
    ["1990-12-12 08:40", "YYYY-MM-DD HH:mm"],
    ["2001-01-22", "YYYY-MM-DD"],
    ["2024-03-01T10:00:05Z", "YYYY-MM-DDTHH:mm:ssZ"],
  ] as const) {
    const f = detectTimeFormat([text]);
    assert.deepEqual(f, { kind: "layout", layout }, text);
    assert.equal(layoutWriter(layout)(layoutReader(layout)(text)), text);
  }
  assert.deepEqual(detectTimeFormat(["1700000000", "1700000060"]), { kind: "epoch-s" });
  assert.equal(detectTimeFormat(["12", "13"]), undefined);
  // Loggers write fractions of a second with any number of digits: read as ms.
  const micro = layoutReader("YYYY-MM-DD HH:mm:ss.SSS");
  assert.equal(micro("2004-02-28 00:59:16.02785"), Date.UTC(2004, 1, 28, 0, 59, 16, 27.85));
  assert.equal(micro("2004-02-28 00:59:16.5"), Date.UTC(2004, 1, 28, 0, 59, 16, 500));
  assert.deepEqual(detectTimeFormat(["2004-02-28 00:59:16.02785", "2004-02-28 01:03:16.3"]), {
    kind: "layout",
    layout: "YYYY-MM-DD HH:mm:ss.SSS",
  });
});

test("columns: time and group found by themselves, a label, text categories; bad flags are one line", () => {
  const csv =
    "time,sensor_id,temp,label,room\n" +
    Array.from(
      { length: 40 },
      (_, i) =>
        `2024-01-01 ${String(Math.floor(i / 2)).padStart(2, "0")}:00,${i % 2},${20 + (i % 7)},${i === 5 ? 1 : 0},${i % 3 ? "a" : "b"}`,
    ).join("\n");
  const shape = traceShape(table(csv), {});
  if ("problem" in shape) assert.fail(shape.problem);
  assert.equal(shape.time?.name, "time");
  assert.equal(shape.group, "sensor_id");
  assert.deepEqual(
    shape.numeric.map((c) => [c.name, c.label]),
    [
      ["temp", false],
      ["label", true],
    ],
  );
  assert.deepEqual(
    shape.categories.map((c) => c.name),
    ["room"],
  );
  assert.equal(shape.groups.length, 2);
  assert.equal(shape.cadenceMs, 3_600_000);
  const unknown = traceShape(table(csv), { time: "when" });
  assert.ok(
    "problem" in unknown &&
      /--time: the trace has no column "when"; its columns: time, sensor_id/.test(unknown.problem),
  );
  const words = traceShape(table("a,b\nx,y\nz,w\nq,r\n"), {});
  assert.ok("problem" in words && /no numeric columns/.test(words.problem));
});

test("a daily cycle in hourly data is found, white noise shows none", () => {
  const r = new Random(5);
  const hours = 24 * 60;
  const times = Float64Array.from({ length: hours }, (_, i) => Date.UTC(2024, 0, 1) + i * 3_600_000);
  const cyclic = Float64Array.from(times, (t) => Math.sin((2 * Math.PI * (t / 3_600_000)) / 24) + 0.5 * gauss(r));
  const noise = Float64Array.from(times, () => gauss(r));
  const found = findCycles(normalScores(cyclic), times, 3_600_000);
  assert.deepEqual(
    found.map((c) => c.period),
    ["daily"],
  );
  assert.deepEqual(findCycles(normalScores(noise), times, 3_600_000), []);
});
