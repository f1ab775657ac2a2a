/**
 * configs/ev-charging.yaml sampled as a run would (devices in turn at the scenario's rate): every
 * rule the example promises holds, at two rates and time scales.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { parse } from "yaml";
import { parseScenarioYaml } from "../../../../src/config/scenario-file.ts";
import { declaredModel } from "../../../../src/sim/declared/factory.ts";
import { NO_EFFECTS } from "../../../../src/sim/types.ts";

const root = new URL("../../../../", import.meta.url).pathname;
const TEXT = readFileSync(`${root}configs/ev-charging.yaml`, "utf8");
const SESSION = ["Preparing", "Charging", "SuspendedEV", "Finishing"];

interface Rec {
  topic: string;
  key: string;
  t: number;
  v: Record<string, unknown>;
}

/** Events of `devices` connectors visited in turn, `rounds` times each, every `intervalMs`. */
function sample(devices: number, rounds: number, intervalMs: number, timeScale: number): Rec[] {
  const { scenario, errors } = parseScenarioYaml(TEXT, "ev-charging.yaml");
  assert.deepEqual(errors, []);
  const built = declaredModel(
    {
      devices,
      sampleIntervalMs: intervalMs,
      topics: scenario!.topics,
      params: {},
      fleet: scenario!.fleet,
      declaredDevices: scenario!.devices!,
    },
    7,
    timeScale,
  );
  assert.ok("model" in built, JSON.stringify(built));
  const roles = scenario!.topics.map((t) => t.role);
  const out: Rec[] = [];
  const t0 = Date.UTC(2026, 0, 5, 8);
  const step = intervalMs / devices;
  for (let k = 0; k < devices * rounds; k++) {
    const t = t0 + k * step;
    built.model.emit(
      k % devices,
      t,
      {
        push: (topic, key, value) =>
          out.push({ topic: roles[topic] ?? "?", key, t, v: JSON.parse(value) as Record<string, unknown> }),
      },
      NO_EFFECTS,
    );
  }
  return out;
}

/** The allowed edges, read from the config itself. */
function edges(): Set<string> {
  const doc = parse(TEXT, { merge: true }) as {
    fleet: {
      kinds: { connector: { fields: { status: { states: Record<string, { next?: Record<string, number> }> } } } };
    };
  };
  const states = doc.fleet.kinds.connector.fields.status.states;
  return new Set(Object.entries(states).flatMap(([from, s]) => Object.keys(s.next ?? {}).map((to) => `${from}>${to}`)));
}

function checkRules(out: Rec[], timeScale: number): void {
  const allowed = edges();
  const status = out.filter((r) => r.topic === "status");
  const alerts = out.filter((r) => r.topic === "alerts");
  const last = new Map<string, Rec>();
  const seen = new Set<string>();
  const stations = new Map<string, string>();
  let rises = 0;
  for (const r of status) {
    const v = r.v;
    const s = String(v["status"]);
    seen.add(s);
    assert.equal(r.key, v["connector_id"]);
    // Power only while charging, 7-22 kW.
    if (s === "Charging") {
      assert.equal(typeof v["power_kw"], "number", JSON.stringify(v));
      assert.ok((v["power_kw"] as number) >= 7 && (v["power_kw"] as number) <= 22, JSON.stringify(v));
    } else assert.ok(!("power_kw" in v), JSON.stringify(v));
    // A session id exactly while in a session.
    assert.equal("session_id" in v, SESSION.includes(s), JSON.stringify(v));
    // Location and station id: one per station, shared by its connectors.
    const station = String(v["station_id"]);
    assert.ok(String(v["connector_id"]).startsWith(`${station}-`));
    const where = JSON.stringify([v["location"], v["operator"]]);
    assert.equal(stations.get(station) ?? where, where, `station ${station}'s connectors disagree`);
    stations.set(station, where);
    const before = last.get(r.key);
    if (before) {
      const b = before.v;
      const from = String(b["status"]);
      assert.ok(from === s || allowed.has(`${from}>${s}`), `${r.key}: ${from} -> ${s} is not an allowed transition`);
      const dWh = (v["energy_wh"] as number) - (b["energy_wh"] as number);
      assert.ok(dWh >= -0.051, `${r.key}: the meter went down ${dWh}`);
      if (dWh > 0.051) {
        rises++;
        assert.equal(s, "Charging", `${r.key}: the meter rose while ${s}`);
        // Power × simulated time since the last report (power written to 0.1 kW, energy to 0.1 Wh).
        const hours = ((r.t - before.t) * timeScale) / 3_600_000;
        const kw = v["power_kw"] as number;
        assert.ok(
          Math.abs(dWh - kw * 1000 * hours) <= 0.05 * 1000 * hours + 0.1,
          `${r.key}: +${dWh} Wh at ${kw} kW over ${hours} h`,
        );
      }
      if (b["session_id"] !== undefined && v["session_id"] !== undefined && from !== "Finishing")
        assert.equal(v["session_id"], b["session_id"], "a session keeps its id");
    }
    last.set(r.key, r);
  }
  assert.ok(rises > 100, `the meter rose ${rises} times`);
  for (const s of ["Available", "Preparing", "Charging", "SuspendedEV", "Finishing", "Faulted"])
    assert.ok(seen.has(s), `no ${s} in the sample (saw ${[...seen].join(", ")})`);
  // Alerts: only faulted, one for every faulted report.
  assert.ok(alerts.length > 0);
  for (const a of alerts) assert.equal(a.v["status"], "Faulted");
  assert.equal(alerts.length, status.filter((r) => r.v["status"] === "Faulted").length);
}

test("ev-charging: transitions, meter, power, sessions, shared station fields and alerts hold (1000 connectors, 30 s, real time)", () => {
  const out = sample(1000, 300, 30_000, 1);
  checkRules(out, 1);
  const stations = new Set(out.map((r) => r.v["station_id"]));
  assert.equal(stations.size, 500);
});

test("ev-charging: the meter follows simulated time at another rate and time scale (200 connectors every 2 s, × 60)", () => {
  checkRules(sample(200, 600, 2000, 60), 60);
});

test("ev-charging: --devices scales stations, never splits one; a count that cannot fill them is refused with one that can", () => {
  const out = sample(600, 2, 30_000, 1);
  const perStation = new Map<unknown, Set<unknown>>();
  for (const r of out.filter((x) => x.topic === "status"))
    perStation.set(r.v["station_id"], (perStation.get(r.v["station_id"]) ?? new Set()).add(r.v["connector"]));
  assert.equal(perStation.size, 300);
  for (const c of perStation.values()) assert.deepEqual([...c].sort(), [1, 2]);
  assert.throws(
    () => sample(1001, 1, 30_000, 1),
    /devices: 1001 devices do not fill whole groups: kind connector gets 1001 devices, not a whole number of station groups of 2; run with --devices 1000/,
  );
});
