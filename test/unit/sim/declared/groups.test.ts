import assert from "node:assert/strict";
import { test } from "node:test";
import { drawSizes } from "../../../../src/sim/declared/compile/groups.ts";
import { Random } from "../../../../src/sim/random.ts";
import { compileYaml, problems, run } from "./helpers.ts";

const BUILDINGS = `
fleet:
  groups:
    building:
      size: [3, 6]
      fields:
        building_id: {gen: id, format: "B{number:03}"}
        city: {gen: pick, values: [Lyon, Paris, Lille, Nice, Metz]}
        floors: {gen: uniform, min: 2, max: 30, decimals: 0}
  kinds:
    sensor:
      group: building
      fields:
        id: {gen: id, format: "s-{number:04}"}
        building: {ref: building.building_id}
        where: {gen: template, template: "{building.city}/{building.building_id}/{member}"}
        floor: {gen: expr, expr: "member % building.floors"}
        g: {gen: expr, expr: "group"}
      topics: {data: {}}
`;

test("groups: fields drawn once per group and read by every member; drawn sizes stay in [min, max] and cover every device", () => {
  const out = run(BUILDINGS, { devices: 1000, rounds: 2 });
  const members = new Map<string, { where: Set<string>; devices: Set<number>; members: Set<number> }>();
  for (const r of out) {
    const b = String(r.value["building"]);
    const m = members.get(b) ?? { where: new Set(), devices: new Set(), members: new Set() };
    m.where.add(String(r.value["where"]).replace(/\/\d+$/, ""));
    m.devices.add(r.device);
    m.members.add(Number(String(r.value["where"]).split("/")[2]));
    members.set(b, m);
    assert.ok(
      !("building_id" in r.value) && !("city" in r.value),
      "a group's fields are written only where a member refers to them",
    );
  }
  let devices = 0;
  for (const [b, m] of members) {
    assert.equal(m.where.size, 1, `${b}: its members disagree on where it is`);
    assert.ok(m.devices.size >= 3 && m.devices.size <= 6, `${b} has ${m.devices.size} members`);
    assert.deepEqual([...m.members].sort(), [...Array(m.devices.size).keys()]);
    devices += m.devices.size;
  }
  assert.equal(devices, 1000);
  assert.ok(new Set([...members.values()].map((m) => [...m.where][0])).size > 50, "groups draw their own values");
  // The same seed gives the same groups in another run.
  assert.deepEqual(
    run(BUILDINGS, { devices: 1000, rounds: 1 }).map((r) => r.value),
    out.slice(0, 1000).map((r) => r.value),
  );
});

test("groups: drawn sizes always add up to the devices with no group below min, or say none can", () => {
  const r = new Random(3);
  for (const [devices, min, max] of [
    [1000, 3, 6],
    [7, 3, 6],
    [3, 3, 3],
    [100, 1, 1],
    [11, 5, 6],
    [1, 1, 4],
  ] as const) {
    const sizes = drawSizes(devices, min, max, r);
    assert.ok(sizes, `${devices} in ${min}-${max}`);
    assert.equal(
      sizes.reduce((a, b) => a + b, 0),
      devices,
    );
    assert.ok(
      sizes.every((s) => s >= min && s <= max),
      `${devices} in ${min}-${max}: ${[...sizes].join(",")}`,
    );
  }
  assert.equal(drawSizes(2, 3, 6, r), undefined);
});

test("groups: two kinds of one group share its groups in order; a kind without a group reads group and member as 0", () => {
  const yaml = `
fleet:
  groups:
    vehicle: {size: 1, fields: {vin: {gen: serial, pattern: "VIN-#####"}}}
  kinds:
    engine: {share: 1, group: vehicle, fields: {vin: {ref: vehicle.vin}, g: {gen: expr, expr: "group"}}, topics: {data: {}}}
    gps: {share: 1, group: vehicle, fields: {vin: {ref: vehicle.vin}, g: {gen: expr, expr: "group"}}, topics: {data: {}}}
    loose: {share: 1, fields: {g: {gen: expr, expr: "group * 10 + member"}}, topics: {data: {}}}
`;
  const out = run(yaml, { devices: 30, rounds: 1 });
  const engines = out.slice(0, 10).map((r) => r.value);
  const gps = out.slice(10, 20).map((r) => r.value);
  assert.deepEqual(engines, gps);
  assert.deepEqual(
    out.slice(20).map((r) => r.value["g"]),
    Array(10).fill(0),
  );
});

test("--devices scales a modulo pairing with the fleet instead of breaking it", () => {
  const yaml = `
fleet:
  a: {fields: {site: {gen: id, format: "site-{index}", modulo: 50}}, topics: {data: {}}}
  b: {fields: {site: {gen: id, format: "site-{index}", modulo: 50}}, topics: {data: {}}}
`;
  // Declared with 100 devices (50 sites, one a and one b each), run with 60: 30 sites, still pairs.
  const out = run(yaml, { devices: 60, rounds: 1, declaredDevices: 100 });
  const sites = new Map<unknown, number>();
  for (const r of out) sites.set(r.value["site"], (sites.get(r.value["site"]) ?? 0) + 1);
  assert.equal(sites.size, 30);
  assert.ok([...sites.values()].every((n) => n === 2));
});

test("groups: one clear line per bad setting, with its path", () => {
  const bad = (groups: string, kind = "group: station, fields: {a: 1}"): string[] =>
    problems(`fleet:\n  groups: ${groups}\n  kinds:\n    k: {${kind}, topics: {data: {}}}\n`).errors;
  assert.deepEqual(bad("{station: {size: 0}}"), [
    "fleet.groups.station.size: required: members per group, a whole number from 1 to 100000 or [min, max] drawn per group, got 0",
  ]);
  assert.deepEqual(bad("{station: {size: [4, 2]}}"), [
    "fleet.groups.station.size: required: members per group, a whole number from 1 to 100000 or [min, max] drawn per group, got a list",
  ]);
  assert.deepEqual(bad("{station: {size: 2, field: {}}}"), [
    'fleet.groups.station: unknown key "field" (did you mean "fields"?)',
  ]);
  assert.deepEqual(bad("{station: {size: 2, fields: {t: {gen: counter}}}}"), [
    "fleet.groups.station.fields.t: counter changes per event; a group's fields are drawn once per group (move it to the kind's fields)",
  ]);
  assert.deepEqual(bad("{station: {size: 2}}", "group: staton, fields: {a: 1}"), [
    'fleet.kinds.k.group: names no group "staton" (did you mean "station"?)',
  ]);
  assert.deepEqual(bad("{station: {size: 2, fields: {x: 1}}}", "group: station, fields: {station: {y: 1}}"), [
    "fleet.kinds.k.fields.station: is an object named after the kind's group, whose fields are read as station.<field>: rename this object",
  ]);
  assert.throws(
    () =>
      compileYaml(
        `fleet:\n  groups: {s: {size: 4}}\n  kinds:\n    k: {group: s, fields: {a: 1}, topics: {data: {}}}\n`,
        { devices: 10 },
      ),
    /10 devices do not fill whole groups: kind k gets 10 devices, not a whole number of s groups of 4; run with --devices 8/,
  );
});
