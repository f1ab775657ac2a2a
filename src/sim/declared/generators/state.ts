/**
 * state: a per-device state machine (a charger's status, a door, a vehicle's trip phase). Each
 * state lists the states it may go to with a probability per event (`unit: step`) or a rate per
 * simulated second (`unit: second`); a state with a `dwell` lasts that long (simulated seconds,
 * fixed or drawn) and then leaves by the weights. Expressions read the state by the field's name
 * and the seconds spent in it with since(<field>).
 */
import { closest } from "../../../common/suggest.ts";
import { isSafeString } from "../compile/runtime.ts";
import type { GeneratorSpec } from "../spec.ts";
import { lit } from "./common.ts";

const NAME = /^[\x20-\x21\x23-\x5b\x5d-\x7e]{1,64}$/;
const MAX_STATES = 64;
const STATE_KEYS = ["next", "dwell"];

export interface StateDef {
  name: string;
  /** [target index, probability per step or rate per second / weight with a dwell]. */
  next: [number, number][];
  /** Simulated seconds [min, max] the state lasts, when it has a dwell. */
  dwell?: [number, number];
}

type Map_ = Record<string, unknown>;
const isMap = (v: unknown): v is Map_ => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown): string =>
  typeof v === "string" ? JSON.stringify(v) : Array.isArray(v) ? "a list" : isMap(v) ? "a map" : String(v);

/** The states param → its states (in file order), or "states...: problem" lines. */
export function parseStates(raw: unknown, unit: string): { states: StateDef[]; problems: string[] } {
  const problems: string[] = [];
  if (!isMap(raw) || Object.keys(raw).length < 2 || Object.keys(raw).length > MAX_STATES) {
    return {
      states: [],
      problems: [
        `states: must be a map of 2 to ${MAX_STATES} states, each {next: {state: ${unit === "second" ? "rate per second" : "probability per event"}}, dwell: seconds}, got ${show(raw)}`,
      ],
    };
  }
  const names = Object.keys(raw);
  const states: StateDef[] = [];
  for (const name of names) {
    const where = `states.${name}`;
    const body = raw[name] ?? {};
    if (!NAME.test(name))
      problems.push(`${where}: a state name is 1-64 printable ASCII characters without quotes or backslashes`);
    if (!isMap(body)) {
      problems.push(
        `${where}: must be a map {next: {state: ${unit === "second" ? "rate" : "probability"}}, dwell: seconds}, or {} for a state never left, got ${show(body)}`,
      );
      continue;
    }
    for (const key of Object.keys(body))
      if (!STATE_KEYS.includes(key))
        problems.push(`${where}: unknown key ${JSON.stringify(key)} (expected next or dwell)`);
    const def: StateDef = { name, next: [] };
    const dwell = body["dwell"];
    if (dwell !== undefined) {
      const ok = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n) && n >= 0 && n <= 31_536_000;
      if (ok(dwell)) def.dwell = [dwell, dwell];
      else if (Array.isArray(dwell) && dwell.length === 2 && ok(dwell[0]) && ok(dwell[1]) && dwell[0] <= dwell[1])
        def.dwell = [dwell[0], dwell[1]];
      else problems.push(`${where}.dwell: must be simulated seconds (0 to 31536000) or [min, max], got ${show(dwell)}`);
    }
    const next = body["next"] ?? {};
    if (!isMap(next))
      problems.push(
        `${where}.next: must be a map of state: ${unit === "second" ? "rate per simulated second" : "probability per event"}, got ${show(next)}`,
      );
    else {
      for (const [target, p] of Object.entries(next)) {
        const i = names.indexOf(target);
        if (i < 0) {
          const guess = closest(target, names);
          problems.push(
            `${where}.next.${target}: names no state${guess ? ` (did you mean "${guess}"?)` : ` (states: ${names.join(", ")})`}`,
          );
        } else if (typeof p !== "number" || !Number.isFinite(p) || p < 0 || (unit === "step" && !def.dwell && p > 1)) {
          problems.push(
            `${where}.next.${target}: must be ${def.dwell ? "a weight of 0 or more" : unit === "second" ? "a rate per simulated second of 0 or more" : "a probability per event from 0 to 1"}, got ${show(p)}`,
          );
        } else if (i !== states.length) def.next.push([i, p]);
      }
      const total = def.next.reduce((a, [, p]) => a + p, 0);
      if (unit === "step" && !def.dwell && total > 1 + 1e-9)
        problems.push(
          `${where}.next: probabilities per event add up to ${total}, more than 1 (the rest is the chance to stay)`,
        );
      if (def.dwell && total === 0)
        problems.push(
          `${where}.next: a state with a dwell leaves when it ends: give at least one next state with a weight above 0`,
        );
    }
    states.push(def);
  }
  return { states, problems };
}

export const state: GeneratorSpec = {
  name: "state",
  doc: "A state machine per device (text: the state's name). `next` gives each state's exits: a probability per event (`unit: step`) or a rate per simulated second (`unit: second`); a state with `dwell` (seconds, or [min, max] drawn) lasts that long, then leaves by the `next` weights. `initial` shares set where devices start. Read the seconds in the current state with since(<field>) in expressions. Stuck devices keep their state.",
  scope: "event",
  output: "string",
  facets: ["since"],
  params: {
    states: {
      type: "node",
      required: true,
      doc: "state name: {next: {state: probability or rate}, dwell: seconds or [min, max]}; {} for a state never left",
    },
    unit: {
      type: "enum",
      values: ["step", "second"],
      default: "step",
      doc: "step: `next` values are probabilities per event; second: rates per simulated second (time scale and rate independent)",
    },
    initial: {
      type: "weights",
      doc: "state: share of devices starting in it (default: every device in the first state); a dwell state starts part-way through",
    },
  },
  example: {
    states: {
      idle: { next: { busy: 0.3 } },
      busy: { next: { idle: 0.2, fault: 0.05 } },
      fault: { dwell: 60, next: { idle: 1 } },
    },
    initial: { idle: 3, busy: 1 },
  },
  check: (p) => {
    const { states, problems } = parseStates(p["states"], String(p["unit"]));
    const initial = p["initial"] as { values: readonly unknown[] } | undefined;
    const names = states.map((s) => s.name);
    for (const v of initial?.values ?? [])
      if (!names.includes(String(v)) && names.length > 0)
        problems.push(
          `initial.${String(v)}: names no state${closest(String(v), names) ? ` (did you mean "${closest(String(v), names) ?? ""}"?)` : ""}`,
        );
    return problems;
  },
  compile: (p, c) => {
    const { states } = parseStates(p["states"], String(p["unit"]));
    const perSecond = p["unit"] === "second";
    const cur = c.state("i32", -1);
    const entered = c.state("f64", 0);
    const until = c.state("f64", NaN);
    const last = perSecond ? c.state("f64", NaN) : "";
    const names = c.constant(states.map((s) => s.name));
    const init = p["initial"] as { values: readonly unknown[]; weights: readonly number[] } | undefined;
    const shares = states.map((s) => {
      const i = init?.values.findIndex((v) => String(v) === s.name) ?? -1;
      return init ? (i < 0 ? 0 : (init.weights[i] ?? 0)) : s === states[0] ? 1 : 0;
    });
    const cumulative = (ws: readonly number[]): number[] => {
      const total = ws.reduce((a, b) => a + b, 0);
      let acc = 0;
      return ws.map((w) => (acc += w / total));
    };
    /** The target a uniform draw u lands on, weights w (zero weights never chosen). */
    const pick = (all: readonly number[], allTargets: readonly number[], u: string): string => {
      const ws = all.filter((w) => w > 0);
      const targets = allTargets.filter((_, i) => (all[i] ?? 0) > 0);
      const cum = cumulative(ws);
      return targets
        .slice(0, -1)
        .reduceRight(
          (rest, target, i) => `(${u} < ${lit(cum[i] ?? 1)} ? ${target} : ${rest})`,
          String(targets[targets.length - 1] ?? 0),
        );
    };
    const length = (s: StateDef): string =>
      `1000 * (${lit(s.dwell?.[0] ?? 0)} + ${lit((s.dwell?.[1] ?? 0) - (s.dwell?.[0] ?? 0))} * R.next())`;
    // Leaving state i: the target (or i to stay), one case per state.
    const leave = states.map((s, i) => {
      if (s.next.length === 0) return `case ${i}: break;`;
      const ws = s.next.map(([, w]) => w);
      const targets = s.next.map(([to]) => to);
      if (s.dwell)
        return `case ${i}: if (now >= ${until}[${c.at}]) { const u = R.next(); n = ${pick(ws, targets, "u")}; } break;`;
      const total = ws.reduce((a, b) => a + b, 0);
      const chance = perSecond ? `(1 - Math.exp(${lit(-total)} * dt))` : lit(total);
      return `case ${i}: { const u = R.next(); if (u < ${chance}) { const w = u / ${chance}; n = ${pick(ws, targets, "w")}; } } break;`;
    });
    const enter = states.map(
      (s, i) => `case ${i}: ${until}[${c.at}] = ${s.dwell ? `now + ${length(s)}` : "NaN"}; break;`,
    );
    // A device starts part-way through a dwell state (devices do not all leave it at once).
    const start = states.map((s, i) =>
      s.dwell
        ? `case ${i}: { const len = ${length(s)}, e = R.next() * len; ${until}[${c.at}] = now + len - e; ${entered}[${c.at}] = now - e; } break;`
        : `case ${i}: ${until}[${c.at}] = NaN; ${entered}[${c.at}] = now; break;`,
    );
    const dt = perSecond
      ? `const dt = ${last}[${c.at}] === ${last}[${c.at}] ? Math.max(0, now - ${last}[${c.at}]) / 1000 : 0; ${last}[${c.at}] = now;`
      : "";
    const safe = states.every((s) => isSafeString(s.name));
    return {
      body: `{ const now = clock.simMs(${c.t}); let n = ${cur}[${c.at}];
  const fresh = n < 0;
  if (fresh) { const u0 = R.next(); n = ${pick(
    shares,
    states.map((_, i) => i),
    "u0",
  )}; ${cur}[${c.at}] = n; switch (n) { ${start.join(" ")} } }
  ${dt}
  if (!fx.stuck && !fresh) { const was = n; switch (n) { ${leave.join(" ")} } if (n !== was) { ${cur}[${c.at}] = n; ${entered}[${c.at}] = now; switch (n) { ${enter.join(" ")} } } }
  ${c.v} = ${names}[n]; }`,
      ...(safe ? { json: `'"' + ${c.v} + '"'`, literals: states.map((s) => s.name) } : {}),
      facets: { since: `((clock.simMs(${c.t}) - ${entered}[${c.at}]) / 1000)` },
    };
  },
};
