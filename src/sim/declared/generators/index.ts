/** Every generator a declared fleet may name, by name (the registry validation, docs and the compiler share). */
import type { GeneratorSpec } from "../spec.ts";
import { band } from "./band.ts";
import { battery } from "./battery.ts";
import { bool } from "./bool.ts";
import { counter } from "./counter.ts";
import { exponential } from "./exponential.ts";
import { expr } from "./expr.ts";
import { gtin } from "./gtin.ts";
import { id } from "./id.ts";
import { imei } from "./imei.ts";
import { itemEpc } from "./item-epc.ts";
import { location } from "./location.ts";
import { lognormal } from "./lognormal.ts";
import { mac } from "./mac.ts";
import { meter } from "./meter.ts";
import { motion } from "./motion.ts";
import { normal } from "./normal.ts";
import { nth } from "./nth.ts";
import { onoff } from "./onoff.ts";
import { pick } from "./pick.ts";
import { poisson } from "./poisson.ts";
import { product } from "./product.ts";
import { reading } from "./reading.ts";
import { serial } from "./serial.ts";
import { sgtin } from "./sgtin.ts";
import { signal } from "./signal.ts";
import { state } from "./state.ts";
import { smooth } from "./smooth.ts";
import { template } from "./template.ts";
import { timestamp } from "./timestamp.ts";
import { timeText } from "./time-text.ts";
import { trace } from "./trace.ts";
import { uniform } from "./uniform.ts";
import { regex } from "./regex.ts";
import { uuid } from "./uuid.ts";
import { walk } from "./walk.ts";
import { zipf } from "./zipf.ts";

const ALL: readonly GeneratorSpec[] = [
  // fixed per device
  id,
  nth,
  regex,
  uuid,
  mac,
  imei,
  serial,
  gtin,
  sgtin,
  location,
  // draws
  uniform,
  normal,
  lognormal,
  exponential,
  poisson,
  bool,
  pick,
  zipf,
  product,
  itemEpc,
  // per-device state over events
  counter,
  timestamp,
  reading,
  band,
  walk,
  smooth,
  onoff,
  state,
  battery,
  signal,
  meter,
  motion,
  // fitted to a recorded trace (src/trace)
  trace,
  timeText,
  // over other fields
  template,
  expr,
];

export const GENERATORS: ReadonlyMap<string, GeneratorSpec> = new Map(ALL.map((g) => [g.name, g]));
