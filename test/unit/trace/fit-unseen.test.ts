/**
 * Traces shaped as real files come: headers with units and symbols, semicolons with decimal commas,
 * "?" and a logger's "ERR" in columns of numbers, devices side by side without an id-like name.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { traceShape } from "../../../src/trace/columns.ts";
import { parseCsv } from "../../../src/trace/csv.ts";
import { traceFieldNames } from "../../../src/trace/field-names.ts";
import { failures, roundTrip } from "./round-trip.ts";

/** A slow reading and a faster one that follows it, every 10 s, with a fixed seed. */
function readings(rows: number, seed: number): { a: number; b: number }[] {
  let s = seed;
  const uniform = (): number => ((s = (s * 1103515245 + 12345) % 2 ** 31) + 0.5) / 2 ** 31;
  const gauss = (): number => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  let slow = 0;
  return Array.from({ length: rows }, () => {
    slow = 0.9 * slow + gauss();
    return { a: 20 + slow, b: 1013 + 2 * slow + 3 * gauss() };
  });
}

const time = (i: number): string => new Date(Date.UTC(2024, 0, 1) + i * 10_000).toISOString();

test("field names: any column name becomes a path expressions can name, unique", () => {
  const name = traceFieldNames(["Temp (°C)", "Temp [°C]", "2nd reading", "", "ok_name", "a.b c"]);
  assert.equal(name("Temp (°C)"), "Temp_C_");
  assert.equal(name("Temp [°C]"), "Temp_C__2");
  assert.equal(name("2nd reading"), "c2nd_reading");
  assert.equal(name(""), "column");
  assert.equal(name("ok_name"), "ok_name");
  assert.equal(name("a.b c"), "a_b_c");
});

test("headers with units and symbols: the fitted fleet passes its own check and the compare", () => {
  const rows = readings(3000, 11);
  const csv =
    '"time","Temp (°C)","Pressure hPa"\n' +
    rows.map((r, i) => `${time(i)},${r.a.toFixed(2)},${r.b.toFixed(1)}`).join("\n");
  const { yaml, result } = roundTrip(csv, { rowsPerDevice: 20_000 });
  // The second column names the first (the latent process it shares) by its field name.
  assert.match(yaml, /of: Temp_C_/);
  assert.deepEqual(failures(result), []);
  const pair = result.pairs.find((p) => p.column === "Temp (°C) ~ Pressure hPa");
  assert.ok(pair && pair.trace > 0.4, `the trace's correlation is there to keep: ${pair?.trace}`);
});

test("semicolons, decimal commas, '?' gaps and a few odd cells: every column of numbers is fitted", () => {
  const rows = readings(2000, 5);
  const csv =
    "time;a;b;count\n" +
    rows
      .map((r, i) => {
        const a = i === 7 ? "?" : r.a.toFixed(2).replace(".", ",");
        const b = i === 9 ? "ERR" : r.b.toFixed(1).replace(".", ",");
        return `${time(i)};${a};${b};${i % 7}`;
      })
      .join("\n");
  const table = parseCsv(csv, "t.csv");
  if ("problem" in table) assert.fail(table.problem);
  const shape = traceShape(table, {});
  if ("problem" in shape) assert.fail(shape.problem);
  assert.deepEqual(
    shape.numeric.map((c) => c.name),
    ["a", "b", "count"],
  );
  assert.deepEqual(shape.columnNotes, [{ name: "b", note: '1 cell that are not numbers (e.g. "ERR") taken as gaps' }]);
  const first = shape.groups[0]?.series[0]?.[0];
  assert.equal(first, Number(rows[0]?.a.toFixed(2)), "3,14 is read as 3.14");
  assert.deepEqual(failures(roundTrip(csv, { rowsPerDevice: 20_000 }).result), []);
});

test("a text column too varied to pick from is named as left out, never dropped silently", () => {
  const csv =
    "time,v,note\n" +
    readings(200, 3)
      .map((r, i) => `${time(i)},${r.a.toFixed(2)},message ${i}`)
      .join("\n");
  const table = parseCsv(csv, "t.csv");
  if ("problem" in table) assert.fail(table.problem);
  const shape = traceShape(table, {});
  if ("problem" in shape) assert.fail(shape.problem);
  assert.equal(shape.columnNotes.length, 1);
  assert.match(shape.columnNotes[0]?.note ?? "", /^text of 200 distinct values, not fitted/);
});

test("devices side by side under a name surge does not guess: the problem names --group and the candidates", () => {
  const lines = ["time,site,load"];
  for (const site of ["north", "south"]) for (let i = 0; i < 50; i++) lines.push(`${time(i)},${site},${i % 9}`);
  const table = parseCsv(lines.join("\n"), "t.csv");
  if ("problem" in table) assert.fail(table.problem);
  const shape = traceShape(table, {});
  assert.ok("problem" in shape);
  assert.match(
    shape.problem,
    /rows share their times; if the trace holds several devices, pass --group .*\(site, load\)/,
  );
  const grouped = traceShape(table, { group: "site" });
  assert.ok(!("problem" in grouped) && grouped.groups.length === 2);
});

test("a cumulative meter: fitted by its steps, written as their running sum, compared by its steps", () => {
  let level = 1000;
  const csv =
    "time,temp,energy_kwh\n" +
    readings(3000, 9)
      .map((r, i) => {
        // Consumption follows the temperature, so the steps (not the level) correlate with it.
        level += Math.max(0, 0.05 + 0.01 * (r.a - 20));
        return `${time(i)},${r.a.toFixed(2)},${level.toFixed(3)}`;
      })
      .join("\n");
  const { yaml, result, lines } = roundTrip(csv, { rowsPerDevice: 20_000 });
  assert.match(yaml, /energy_kwh_steps: \{gen: trace, .*hidden: true/);
  assert.match(yaml, /energy_kwh: \{gen: expr, expr: "first \? 1000\.\d+ : prev\.energy_kwh \+ energy_kwh_steps"/);
  const levels = lines.map((l) => (JSON.parse(l) as { value: { energy_kwh: number } }).value.energy_kwh);
  assert.ok(
    levels.every((v, i) => i === 0 || v >= (levels[i - 1] as number)),
    "the generated meter never falls",
  );
  assert.ok(result.columns.some((l) => l.column === "energy_kwh (steps)" && l.stat === "mean"));
  const pair = result.pairs.find((p) => p.column === "temp ~ energy_kwh (steps)");
  assert.ok(pair && pair.trace > 0.5, `the steps follow the temperature in the trace: ${pair?.trace}`);
  assert.deepEqual(failures(result), []);
});

test("devices at different cadences: each kind steps at its own, so a sample holds the trace's mix", () => {
  const lines = ["ts,sensor_id,value"];
  for (const [id, stepS, rows] of [
    ["fast", 5, 1200],
    ["slow", 30, 200],
  ] as const)
    readings(rows, id.length).forEach((r, i) => lines.push(`${1_700_000_000 + i * stepS},${id},${r.a.toFixed(3)}`));
  const { yaml, lines: sample } = roundTrip(lines.join("\n"), { rowsPerDevice: 3500 });
  assert.match(yaml, /^sampleInterval: 5s/m);
  assert.match(yaml, /^ {4}sampleInterval: 30s/m);
  const keys = sample.map((l) => (JSON.parse(l) as { key: string }).key);
  const fast = keys.filter((k) => k === "fast").length;
  const slow = keys.filter((k) => k === "slow").length;
  assert.ok(Math.abs(fast / slow - 6) < 0.1, `rows per kind follow the cadences: ${fast} fast, ${slow} slow`);
});

test("a date and a time of day in two columns are read as one time and written as two", () => {
  const csv =
    "Date;Time;v\n" +
    readings(3000, 21)
      .map((r, i) => {
        const t = new Date(Date.UTC(2006, 11, 16, 17, 24) + i * 60_000);
        const [date, day] = [
          t.toISOString().slice(0, 10).split("-").reverse().join("/"),
          t.toISOString().slice(11, 19),
        ];
        return `${date};${day};${r.a.toFixed(2).replace(".", ",")}`;
      })
      .join("\n");
  const table = parseCsv(csv, "t.csv");
  if ("problem" in table) assert.fail(table.problem);
  const shape = traceShape(table, {});
  if ("problem" in shape) assert.fail(shape.problem);
  assert.deepEqual(shape.time?.dayTime, { name: "Time", layout: "HH:mm:ss" });
  assert.equal(shape.cadenceMs, 60_000);
  assert.equal(shape.groups[0]?.times?.[0], Date.UTC(2006, 11, 16, 17, 24));
  const { yaml, lines, result } = roundTrip(csv, { rowsPerDevice: 3000 });
  assert.match(yaml, /Date: \{gen: timeText, layout: DD\/MM\/YYYY, time: simulated\}/);
  assert.match(yaml, /Time: \{gen: timeText, layout: HH:mm:ss, time: simulated\}/);
  const [first, second] = lines.map((l) => (JSON.parse(l) as { value: { Time: string } }).value.Time);
  const minutes = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  assert.equal((minutes(second as string) - minutes(first as string) + 1440) % 1440, 1, "one row a minute");
  assert.deepEqual(failures(result), []);
});

test("a very slow reading: its memory stops at 0.98, so a sample's mean settles where the trace's is", () => {
  let s = 17;
  const uniform = (): number => ((s = (s * 1103515245 + 12345) % 2 ** 31) + 0.5) / 2 ** 31;
  let level = 0;
  const csv =
    "time,level\n" +
    Array.from({ length: 20_000 }, (_, i) => {
      level = 0.9995 * level + (uniform() - 0.5);
      return `${time(i)},${level.toFixed(3)}`;
    }).join("\n");
  const { yaml, result } = roundTrip(csv, { rowsPerDevice: 50_000 });
  const memory = Number(/transition: \[([-\d.e]+)\]/.exec(yaml)?.[1]);
  assert.ok(memory > 0.9 && memory <= 0.98, `the fitted memory: ${memory}`);
  const acf = result.columns.find((l) => l.stat === "lag-1 autocorrelation");
  assert.ok(acf && acf.trace > 0.99, `the trace is that slow: ${acf?.trace}`);
  assert.deepEqual(failures(result), []);
});

test("a weekly trace with compact dates (YYYYMMDD): fitted at its own cadence, dates written as the trace's", () => {
  const rows = readings(600, 3);
  const day = (i: number): string => new Date(Date.UTC(1990, 0, 6) + i * 7 * 86_400_000).toISOString().slice(0, 10);
  const csv = "date,level\n" + rows.map((r, i) => `${day(i).replaceAll("-", "")},${r.a.toFixed(2)}`).join("\n");
  const { yaml, result, lines } = roundTrip(csv, { rowsPerDevice: 20_000 });
  assert.match(yaml, /^sampleInterval: 168h$/m);
  assert.match(yaml, /date: \{gen: timeText, layout: YYYYMMDD/);
  assert.deepEqual(failures(result), []);
  const dates = lines.slice(0, 3).map((l) => (JSON.parse(l) as { value: { date: string } }).value.date);
  const ms = dates.map((d) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(4, 6)) - 1, Number(d.slice(6, 8))));
  assert.deepEqual([ms[1]! - ms[0]!, ms[2]! - ms[1]!], [7 * 86_400_000, 7 * 86_400_000], dates.join(" "));
});
