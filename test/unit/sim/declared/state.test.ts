import assert from "node:assert/strict";
import { test } from "node:test";
import { problems, run } from "./helpers.ts";

const PER_STEP = `
fleet:
  door:
    fields:
      id: {gen: id}
      door: {gen: state, initial: {closed: 1}, states: {closed: {next: {open: 0.1}}, open: {next: {closed: 0.3}}}}
      open_for: {gen: expr, expr: "since(door)"}
    topics: {data: {}}
`;

test("state, per step: starts where initial says, moves along its edges, spends the stationary share of events in each state", () => {
  const out = run(PER_STEP, { devices: 200, rounds: 300 });
  assert.ok(out.filter((r) => r.t === out[0]!.t).every((r) => r.value["door"] === "closed"));
  const open = out.filter((r) => r.value["door"] === "open").length / out.length;
  // Stationary share of open: 0.1 / (0.1 + 0.3) = 0.25 (the first rounds start all closed).
  assert.ok(Math.abs(open - 0.25) < 0.03, `open ${open}`);
  // since(door): seconds in the current state, 0 on the event that entered it.
  const byDevice = new Map<number, Record<string, unknown>>();
  for (const r of out) {
    const before = byDevice.get(r.device);
    if (before && before["door"] === r.value["door"])
      assert.equal(r.value["open_for"], (before["open_for"] as number) + 1);
    else if (before) assert.equal(r.value["open_for"], 0);
    byDevice.set(r.device, r.value);
  }
});

const PER_SECOND = `
fleet:
  pump:
    fields:
      s: {gen: state, unit: second, states: {off: {next: {on: 0.01}}, on: {next: {off: 0.05}}}}
    topics: {data: {}}
`;

/** Share of events in state "on" after the first 100 simulated seconds (the fleet starts off). */
function onShare(out: { t: number; value: Record<string, unknown> }[], timeScale: number): number {
  const t0 = out[0]?.t ?? 0;
  const late = out.filter((r) => (r.t - t0) * timeScale >= 100_000);
  return late.filter((r) => r.value["s"] === "on").length / late.length;
}

test("state, per simulated second: the time spent in each state does not depend on the event rate or the time scale", () => {
  // on 1/0.05 = 20 s, off 1/0.01 = 100 s on average: on a sixth of the time.
  const slow = onShare(run(PER_SECOND, { devices: 100, rounds: 2000, stepMs: 2000 }), 1);
  const fast = onShare(run(PER_SECOND, { devices: 100, rounds: 5000, stepMs: 100 }), 1);
  const scaled = onShare(run(PER_SECOND, { devices: 100, rounds: 2000, stepMs: 100, timeScale: 20 }), 20);
  for (const [what, share] of [
    ["every 2 s", slow],
    ["every 0.1 s", fast],
    ["every 0.1 s at x20", scaled],
  ] as const) {
    assert.ok(Math.abs(share - 1 / 6) < 0.03, `${what}: on ${share}`);
  }
});

const DWELL = `
fleet:
  charger:
    fields:
      s:
        gen: state
        unit: second
        initial: {idle: 1}
        states:
          idle: {next: {plugging: 0.05}}
          plugging: {dwell: [30, 60], next: {charging: 3, idle: 1}}
          charging: {next: {idle: 0.01}}
    topics: {data: {}}
`;

test("state with a dwell: lasts between its min and max simulated seconds, then leaves by the weights", () => {
  const out = run(DWELL, { devices: 100, rounds: 4000 });
  const entered = new Map<number, number>();
  const last = new Map<number, unknown>();
  const exits = { charging: 0, idle: 0 };
  for (const r of out) {
    const s = r.value["s"];
    const before = last.get(r.device);
    if (s === "plugging" && before !== "plugging") entered.set(r.device, r.t);
    if (before === "plugging" && s !== "plugging") {
      const stay = (r.t - (entered.get(r.device) ?? 0)) / 1000;
      assert.ok(stay >= 30 && stay <= 61, `plugging lasted ${stay} s`);
      exits[s as "charging" | "idle"]++;
    }
    if (before === "idle") assert.ok(s === "idle" || s === "plugging", `idle -> ${String(s)}`);
    last.set(r.device, s);
  }
  const share = exits.charging / (exits.charging + exits.idle);
  assert.ok(exits.charging + exits.idle > 500 && Math.abs(share - 0.75) < 0.06, JSON.stringify(exits));
});

test("a stuck device keeps its state", () => {
  const out = run(PER_STEP, { devices: 50, rounds: 200, effects: { scale: 1, drift: 0, stuck: true } });
  assert.ok(out.every((r) => r.value["door"] === "closed"));
});

test("state: one clear line per bad setting, with its path", () => {
  const bad = (states: string, extra = ""): string[] =>
    problems(`fleet:\n  k:\n    fields:\n      s: {gen: state${extra}, states: ${states}}\n    topics: {data: {}}\n`)
      .errors;
  assert.deepEqual(bad("{a: {next: {b: 0.5}}}"), [
    "fleet.k.fields.s: states: must be a map of 2 to 64 states, each {next: {state: probability per event}, dwell: seconds}, got a map",
  ]);
  assert.deepEqual(bad("{a: {next: {bb: 0.5}}, b: {}}"), [
    'fleet.k.fields.s: states.a.next.bb: names no state (did you mean "b"?)',
  ]);
  assert.deepEqual(bad("{a: {next: {b: 0.7, c: 0.5}}, b: {}, c: {}}"), [
    "fleet.k.fields.s: states.a.next: probabilities per event add up to 1.2, more than 1 (the rest is the chance to stay)",
  ]);
  assert.deepEqual(bad("{a: {next: {b: 2}}, b: {}}"), [
    "fleet.k.fields.s: states.a.next.b: must be a probability per event from 0 to 1, got 2",
  ]);
  assert.deepEqual(bad("{a: {next: {b: 2}}, b: {}}", ", unit: second"), []);
  assert.deepEqual(bad("{a: {dwell: [5, 1], next: {b: 1}}, b: {}}"), [
    "fleet.k.fields.s: states.a.dwell: must be simulated seconds (0 to 31536000) or [min, max], got a list",
  ]);
  assert.deepEqual(bad("{a: {dwell: 5}, b: {}}"), [
    "fleet.k.fields.s: states.a.next: a state with a dwell leaves when it ends: give at least one next state with a weight above 0",
  ]);
  assert.deepEqual(bad("{a: {nxt: {b: 1}}, b: {}}"), [
    'fleet.k.fields.s: states.a: unknown key "nxt" (expected next or dwell)',
  ]);
  assert.deepEqual(bad("{a: {}, b: {}}", ", initial: {aa: 1}"), [
    'fleet.k.fields.s: initial.aa: names no state (did you mean "a"?)',
  ]);
  assert.deepEqual(
    problems(
      `fleet:\n  k:\n    fields:\n      n: {gen: normal, mean: 1}\n      x: {gen: expr, expr: "since(n)"}\n    topics: {data: {}}\n`,
    ).errors,
    ["fleet.k.fields.x: since(n): must name a state field, n is normal"],
  );
});
