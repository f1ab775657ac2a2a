/** motion: how many motion events a camera reports at this poll (bursts, then quiet). */
import { MotionBursts } from "../../motion-bursts.ts";
import type { GeneratorSpec } from "../spec.ts";
import { num } from "./common.ts";

export const motion: GeneratorSpec = {
  name: "motion",
  doc: "Motion bursts: the number of events a camera reports at this poll, ~1/share per poll during bursts of ~burstPolls polls and 0 between, one per poll on average. Use it as a topic's `repeat`.",
  scope: "event",
  output: "number",
  params: {
    share: { type: "number", min: 0.01, max: 1, default: 0.2, doc: "share of polls inside a burst" },
    burstPolls: { type: "number", min: 1, max: 10000, default: 5, doc: "mean polls a burst lasts" },
  },
  example: { share: 0.2, burstPolls: 5 },
  compile: (p, c) => {
    const m = c.constant(new MotionBursts(c.entries, num(p, "share"), num(p, "burstPolls")));
    return { body: `${c.v} = ${m}.poll(${c.at}, R);`, json: `String(${c.v})` };
  },
};
