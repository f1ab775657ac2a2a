/** omit by expression, hidden helpers, null, refs to constants and objects, merge keys, warnings, prev. and time. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { problems, run } from "./helpers.ts";

test("omit: an expression leaves the key out exactly when it holds; hidden fields are read but never written; null is a value", () => {
  const yaml = `
fleet:
  k:
    fields:
      n: {gen: counter, hidden: true}
      busy: {gen: expr, expr: "n % 3 == 0", hidden: true}
      job: {gen: template, template: "job-{n}", omit: "!busy"}
      load: {gen: expr, expr: "busy ? n * 2 : null"}
      gone: {gen: expr, expr: "busy ? 'x' : null", omit: "gone == null"}
    topics: {data: {}}
`;
  const out = run(yaml, { devices: 1, rounds: 9 });
  out.forEach((r, n) => {
    const busy = n % 3 === 0;
    assert.deepEqual(r.value, busy ? { job: `job-${n}`, load: n * 2, gone: "x" } : { load: null });
  });
});

test("refs read constants, fields that are refs themselves, and copy objects whole", () => {
  const yaml = `
topics: {data: d, alerts: a}
fleet:
  k:
    fields:
      connector_type: CCS2
      max_kw: 150
      site: {name: {gen: id, format: "site-{number}"}, geo: {lat: {gen: uniform, per: device, min: 1, max: 2, decimals: 3}, lon: 7.5}, kind: fast}
      label: {gen: template, template: "{connector_type}@{site.name}"}
      site_name: {ref: site.name}
      shout: {gen: expr, expr: "site_name + '!'"}
      half: {gen: expr, expr: "max_kw / 2"}
    topics:
      data: {value: {type: {ref: connector_type}, at: {ref: site}, half: {ref: half}}}
      alerts: {if: "max_kw > 100", value: {where: {ref: site.geo}, label: {ref: label}, name: {ref: site_name}, shout: {ref: shout}}}
`;
  const out = run(yaml, { devices: 2, rounds: 1 });
  const data = out.filter((r) => r.topic === 0);
  assert.equal(data[1]!.value["type"], "CCS2");
  assert.equal(data[1]!.value["half"], 75);
  const at = data[1]!.value["at"] as { name: string; geo: { lat: number; lon: number }; kind: string };
  assert.equal(at.name, "site-2");
  assert.equal(at.kind, "fast");
  assert.equal(at.geo.lon, 7.5);
  const alert = out.filter((r) => r.topic === 1)[1]!.value;
  assert.deepEqual(alert, { where: at.geo, label: "CCS2@site-2", name: "site-2", shout: "site-2!" });
});

test("YAML merge keys share a block; a kind setting indented into fields is a warning naming the fix", () => {
  const yaml = `
fleet:
  a: &base
    fields: &f
      id: {gen: id}
      v: {gen: uniform, min: 0, max: 1}
    topics: {data: {}}
  b:
    <<: *base
    fields:
      <<: *f
      extra: 1
      sampleInterval: 5s
`;
  const { errors, warnings } = problems(yaml);
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, [
    "fleet.b.fields.sampleInterval: looks like the kind's sampleInterval setting but sits inside fields, so it is written as a payload field; move it up next to fields: (or ignore this if it is meant as a field)",
  ]);
  const out = run(yaml, { devices: 2, rounds: 1 });
  assert.deepEqual(Object.keys(out[1]!.value), ["id", "v", "extra", "sampleInterval"]);
});

test("prev. on the device's first event: the field's value now when computed before the reader, else 0 (so prev.x inside x is 0); first says which", () => {
  const yaml = `
fleet:
  k:
    fields:
      a: {gen: counter, start: 10}
      sum: {gen: expr, expr: "prev.sum + a"}
      seen_a: {gen: expr, expr: "prev.a"}
      from_100: {gen: expr, expr: "first ? 100 : prev.from_100 + 1"}
    topics: {data: {}}
`;
  const out = run(yaml, { devices: 1, rounds: 3 }).map((r) => r.value);
  assert.deepEqual(out, [
    { a: 10, sum: 10, seen_a: 10, from_100: 100 },
    { a: 11, sum: 21, seen_a: 10, from_100: 101 },
    { a: 12, sum: 33, seen_a: 11, from_100: 102 },
  ]);
});

test("time in expressions: dt and now in simulated seconds at any time scale, index and number of the device", () => {
  const yaml = `
fleet:
  k:
    fields:
      i: {gen: expr, expr: "index * 10 + number"}
      step: {gen: expr, expr: "dt"}
      t: {gen: expr, expr: "now"}
      wh: {gen: expr, expr: "prev.wh + 3600 * dt / 3600"}
    topics: {data: {}}
`;
  const out = run(yaml, { devices: 2, rounds: 4, stepMs: 500, timeScale: 60 });
  assert.deepEqual(
    out.map((r) => r.value["i"]),
    [1, 12, 1, 12, 1, 12, 1, 12],
  );
  assert.deepEqual(
    out.map((r) => r.value["step"]),
    [0, 0, 30, 30, 30, 30, 30, 30],
  );
  const t0 = out[0]!.t / 1000;
  assert.deepEqual(
    out.filter((r) => r.device === 0).map((r) => (r.value["t"] as number) - t0),
    [0, 30, 60, 90],
  );
  assert.deepEqual(
    out.filter((r) => r.device === 0).map((r) => r.value["wh"]),
    [0, 30, 60, 90],
  );
  // A field named like a built-in wins (a field named dt reading dt would read itself: a cycle).
  const shadow = run(
    `fleet:\n  k:\n    fields:\n      index: 7\n      x: {gen: expr, expr: "index"}\n    topics: {data: {}}\n`,
    { devices: 2, rounds: 1 },
  );
  assert.deepEqual(
    shadow.map((r) => r.value["x"]),
    [7, 7],
  );
});

test("presence and time settings: one clear line each, with its path", () => {
  const bad = (fields: string): string[] =>
    problems(`fleet:\n  k:\n    fields: ${fields}\n    topics: {data: {}}\n`).errors;
  assert.deepEqual(bad("{a: {gen: counter, omit: 'a >'}}"), [
    "fleet.k.fields.a.omit: is not an expression: unexpected end",
  ]);
  assert.deepEqual(bad("{a: {gen: counter, omit: 2}}"), [
    "fleet.k.fields.a.omit: must be a probability from 0 to 1, or an expression (omit: \"status != 'Charging'\"), got 2",
  ]);
  assert.deepEqual(bad("{a: {gen: counter, omit: 'bb > 1'}, b: 1}"), [
    'fleet.k.fields.a.omit: names no field "bb" (did you mean "b"?)',
  ]);
  assert.deepEqual(bad("{a: {gen: counter, hidden: yes}}"), [
    'fleet.k.fields.a.hidden: must be true (computed and readable by other fields, not written) or false, got "yes"',
  ]);
  assert.deepEqual(
    bad("{a: {gen: pick, per: device, values: [1, 2]}, b: {gen: template, template: '{a}-{dt}-{member}'}}"),
    [],
  );
  assert.deepEqual(bad("{a: {gen: id, format: 'x-{now}'}}"), [
    "fleet.k.fields.a.format: is fixed per device but reads now, which changes per event",
  ]);
  assert.deepEqual(bad("{o: {x: {ref: o}}}"), [
    "fleet.k.fields.o.x: {ref: o} copies an object that copies another by ref; ref its fields instead",
  ]);
  assert.deepEqual(bad("{a: {gen: expr, expr: 'nope + 1'}}"), ['fleet.k.fields.a: names no field "nope"']);
});
