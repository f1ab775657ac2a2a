/** timestamp: the event time (shifted by late / clock-skew anomalies) as epoch or ISO-8601 text. */
import type { GeneratorSpec } from "../spec.ts";

/** ISO-8601 of epoch ms with `digits` fraction digits (0, 3, 6) and a zone offset in minutes. */
export function isoTime(ms: number, digits: number, offsetMin: number, zone: string): string {
  const shifted = Math.floor(ms) + offsetMin * 60_000;
  const base = new Date(Math.floor(shifted / 1000) * 1000).toISOString().slice(0, 19);
  const fraction =
    digits === 0
      ? ""
      : "." +
        String(Math.floor(shifted - Math.floor(shifted / 1000) * 1000)).padStart(3, "0") +
        (digits === 6 ? String(Math.floor((ms % 1) * 1000)).padStart(3, "0") : "");
  return base + fraction + zone;
}

function zoneMinutes(zone: string): number {
  const m = /^([+-])(\d\d):(\d\d)$/.exec(zone);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

export const timestamp: GeneratorSpec = {
  name: "timestamp",
  doc: "The event time: epoch seconds / ms / µs (numbers), ISO-8601 text with a zone and 0, 3 or 6 fraction digits, or plain UTC text. Late and clock-skew anomalies shift it; `time: simulated` writes the simulated clock (--time-scale) instead. `unique` makes epoch ids strictly increasing across the fleet.",
  scope: "event",
  output: (p) => (p["format"] === "iso" || p["format"] === "plain" ? "string" : "number"),
  params: {
    format: {
      type: "enum",
      values: ["epoch-ms", "epoch-s", "epoch-us", "iso", "plain"],
      default: "epoch-ms",
      doc: 'how the time is written (plain: UTC "YYYY-MM-DD HH:MM:SS")',
    },
    time: {
      type: "enum",
      values: ["event", "simulated"],
      default: "event",
      doc: "event: the event's own time; simulated: the simulated clock (--time-scale), which runs timeScale× faster from the run's first event",
    },
    unique: {
      type: "boolean",
      default: false,
      doc: "epoch-ms / epoch-us: strictly increasing over the whole fleet (ids), nudged +1 when equal",
    },
    precision: { type: "number", min: 0, max: 6, integer: true, default: 3, doc: "iso: fraction digits (0, 3 or 6)" },
    zone: {
      type: "string",
      pattern: /^(Z|[+-]\d\d:\d\d)$/,
      what: "Z or an offset like +02:00",
      default: "Z",
      doc: "iso: zone written",
    },
  },
  example: { format: "iso", precision: 3, zone: "+02:00" },
  check: (p) =>
    [0, 3, 6].includes(p["precision"] as number) ? [] : [`precision: must be 0, 3 or 6, got ${p["precision"]}`],
  compile: (p, c) => {
    const t = p["time"] === "simulated" ? `clock.simMs(${c.t})` : c.t;
    c = { ...c, t: t as "t" };
    if (p["unique"] === true && (p["format"] === "epoch-us" || p["format"] === "epoch-ms")) {
      const last = c.constant({ value: 0 });
      const scale = p["format"] === "epoch-us" ? 1000 : 1;
      return {
        body: `${c.v} = Math.floor(${c.t}) * ${scale}; if (${c.v} <= ${last}.value) ${c.v} = ${last}.value + 1; ${last}.value = ${c.v};`,
        json: scale === 1000 ? `epochUs(${c.v})` : `time.epochMs(${c.v})`,
      };
    }
    switch (p["format"]) {
      case "epoch-s":
        return { body: `${c.v} = Math.floor(${c.t} / 1000);`, json: `String(${c.v})` };
      case "epoch-us":
        return { body: `${c.v} = Math.floor(${c.t} * 1000);`, json: `epochUs(${c.v})` };
      case "plain":
        return { body: `${c.v} = time.plainUtc(${c.t});`, json: `'"' + ${c.v} + '"'` };
      case "iso": {
        const zone = String(p["zone"]);
        // The time is kept: binary formats write it as a number (the epoch the text parses to).
        const at = c.local("ts");
        const text =
          zone === "Z" && p["precision"] === 3
            ? `${c.v} = time.iso(${at});`
            : `${c.v} = ${c.constant(isoTime)}(${at}, ${p["precision"]}, ${zoneMinutes(zone)}, ${JSON.stringify(zone)});`;
        const body = `${at} = ${c.t}; ${text}`;
        const value =
          p["precision"] === 6
            ? `(Math.floor(${at}) * 1000 + Math.floor((${at} % 1) * 1000))`
            : p["precision"] === 0
              ? `(Math.floor(${at} / 1000) * 1000)`
              : `Math.floor(${at})`;
        return { body, json: `'"' + ${c.v} + '"'`, locals: [at], value, text };
      }
      default:
        return { body: `${c.v} = Math.floor(${c.t});`, json: `time.epochMs(${c.v})` };
    }
  },
};
