/** Parses a headless control line (stdin) into an engine command. */
import type { Command } from "../engine/commands.ts";

export type ParsedControl = { command: Command } | { error: string };

const HELP = 'commands: rate N | rate max | rate +10% | rate -10% | pause | resume | reset | quit';

export function parseControlLine(line: string): ParsedControl | undefined {
  const words = line.trim().split(/\s+/).filter(Boolean);
  const [verb, arg] = words;
  if (!verb) return undefined;
  switch (verb.toLowerCase()) {
    case "rate":
      return parseRate(arg);
    case "pause":
      return { command: { type: "pause" } };
    case "resume":
      return { command: { type: "resume" } };
    case "reset":
      return { command: { type: "resetHistograms" } };
    case "quit":
    case "stop":
    case "exit":
      return { command: { type: "stop" } };
    default:
      return { error: `unknown command "${verb}"; ${HELP}` };
  }
}

function parseRate(arg: string | undefined): ParsedControl {
  if (!arg) return { error: `rate needs a value; ${HELP}` };
  if (arg === "max") return { command: { type: "setRate", rate: "max" } };
  const percent = /^([+-]\d+(?:\.\d+)?)%$/.exec(arg);
  if (percent?.[1]) return { command: { type: "nudgeRate", percent: Number(percent[1]) } };
  const value = Number(arg);
  if (!/^\d+(\.\d+)?$/.test(arg) || !(value > 0)) {
    return { error: `rate must be a positive number, "max" or ±N%, got "${arg}"` };
  }
  return { command: { type: "setRate", rate: value } };
}
