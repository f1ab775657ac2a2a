/** onoff: a two-state Markov chain (switches, doors, compressors): sticky, with a given share of time on. */
import type { GeneratorSpec } from "../spec.ts";
import { lit, num } from "./common.ts";

export const onoff: GeneratorSpec = {
  name: "onoff",
  doc: "An on/off state per device (true/false) that stays put between switches: on `onShare` of the time, switching with speed `switchRate` (P(on→off) = switchRate × (1 - onShare)). Stuck devices keep their state; spiking ones chatter.",
  scope: "event",
  output: "boolean",
  params: {
    onShare: { type: "number", min: 0, max: 1, default: 0.5, doc: "share of time on" },
    switchRate: {
      type: "number",
      min: 0,
      max: 1,
      default: 0.25,
      doc: "how fast the state changes (1 = independent draws)",
    },
  },
  example: { onShare: 0.8, switchRate: 0.25 },
  compile: (p, c) => {
    const s = c.state("u8", 2);
    const share = num(p, "onShare");
    const q = num(p, "switchRate");
    return {
      body: `{ let on = ${s}[${c.at}]; if (on === 2) on = R.next() < ${lit(share)} ? 1 : 0;
  if (!fx.stuck) { const flip = fx.scale > 1 ? 0.5 : on === 1 ? ${lit(q * (1 - share))} : ${lit(q * share)}; if (R.next() < flip) on = 1 - on; }
  ${s}[${c.at}] = on; ${c.v} = on === 1; }`,
    };
  },
};
