/** timeText: the event time written in a layout of YYYY MM DD HH mm ss SSS tokens and ddd/MMM names (a trace's own time format), UTC. */
import { layoutWriter } from "../../time-layout.ts";
import { calendarStep } from "../../calendar-step.ts";
import type { GeneratorSpec } from "../spec.ts";

export const timeText: GeneratorSpec = {
  name: "timeText",
  doc: "The event time as text in a layout of YYYY MM DD HH mm ss SSS tokens and literal characters (UTC), e.g. the time column of a fitted trace; M, D and H write the month, day and hour without a leading zero (1/5/2024 9:05 is M/D/YYYY H:mm), q the quarter (1974Q1 is YYYYQq); ddd/dddd write the weekday (Mon, Monday), MMM/MMMM the month (Jan, January), in English. The letters M, D, H and q are always tokens. Late and clock-skew anomalies shift it; `time: simulated` writes the simulated clock (--time-scale).",
  scope: "event",
  output: "string",
  params: {
    layout: {
      type: "string",
      pattern: /^[ -~]{1,64}$/,
      what: 'a layout like "YYYY-MM-DD HH:mm" (printable ASCII, at most 64 characters)',
      default: "YYYY-MM-DD HH:mm:ss",
      doc: "the layout",
    },
    time: {
      type: "enum",
      values: ["event", "simulated"],
      default: "event",
      doc: "event: the event's own time; simulated: the simulated clock (--time-scale)",
    },
    months: {
      type: "number",
      min: 1,
      max: 12,
      integer: true,
      doc: "calendar steps (a monthly, quarterly or yearly trace): each event writes the first of the month this many months per step after the device's first event (steps of the mean month, 30.44 days, counted from it), so the dates stay on the first",
    },
  },
  example: { layout: "YYYY-MM-DD HH:mm" },
  compile: (p, c) => {
    const t = p["time"] === "simulated" ? `clock.simMs(${c.t})` : c.t;
    const write = c.constant(layoutWriter(String(p["layout"])));
    if (typeof p["months"] !== "number") return { body: `${c.v} = ${write}(${t});` };
    const first = `${c.state("f64", NaN)}[${c.at}]`;
    const step = c.constant(calendarStep);
    const now = c.local("tt");
    return {
      body: `const ${now} = ${t}; ${c.v} = ${write}(${step}(${first} === ${first} ? ${first} : (${first} = ${now}), ${now}, ${p["months"]}));`,
    };
  },
};
