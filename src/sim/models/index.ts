/** Event models registered by name; a scenario's `model:` picks one. */
import type { ModelFactory } from "../types.ts";
import { cameras } from "./cameras.ts";
import { industrial } from "./industrial.ts";
import { lab } from "./lab.ts";
import { retail } from "./retail.ts";

export const models: Readonly<Record<string, ModelFactory>> = Object.freeze({ industrial, retail, lab, cameras });
