/** Parses a headless control line (stdin) into an engine command. */
import type { Command } from "../engine/commands.ts";
import { parseDuration } from "../common/duration.ts";
import { shareValue } from "../config/timeline.ts";
import { ANOMALY_NAMES, findAnomalyKind } from "../sim/anomalies/index.ts";
import { anomalyParamProblems, magnitudeProblem } from "../common/anomaly-limits.ts";
import { hasControlCharacters } from "../report/terminal-safe.ts";

/** A word echoed back in an error: short enough to read on one line. */
const clip = (word: string): string => (word.length > 40 ? `${word.slice(0, 40)}...` : word);

export type ParsedControl = { command: Command } | { error: string };

const HELP =
  "commands: rate N | rate max | rate +10% | rate -10% | pause | resume | reset | " +
  "inject KIND [SHARE] [DURATION] [xMAGNITUDE] [topic=T] | quit";

export function parseControlLine(line: string): ParsedControl | undefined {
  // Random bytes or escape sequences are never a command, and are never echoed back.
  if (hasControlCharacters(line.replace(/[\t\r]/g, " ")))
    return { error: `ignored a line with control characters; ${HELP}` };
  const words = line.trim().split(/\s+/).filter(Boolean);
  const [verb, arg, ...more] = words;
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
    case "inject":
      return parseInject(arg, more);
    case "quit":
    case "stop":
    case "exit":
      return { command: { type: "stop" } };
    default:
      return { error: `unknown command "${clip(verb)}"; ${HELP}` };
  }
}

function parseRate(arg: string | undefined): ParsedControl {
  if (!arg) return { error: `rate needs a value; ${HELP}` };
  if (arg === "max") return { command: { type: "setRate", rate: "max" } };
  const percent = /^([+-]\d+(?:\.\d+)?)%$/.exec(arg);
  if (percent?.[1]) return { command: { type: "nudgeRate", percent: Number(percent[1]) } };
  const value = Number(arg);
  if (!/^\d+(\.\d+)?$/.test(arg) || !(value > 0)) {
    return { error: `rate must be a positive number, "max" or ±N%, got "${clip(arg)}"` };
  }
  return { command: { type: "setRate", rate: value } };
}

/** inject KIND [SHARE] [DURATION] [xMAGNITUDE] [topic=T], e.g. "inject spike 5% 30s x3". */
function parseInject(kindName: string | undefined, args: string[]): ParsedControl {
  const kind = kindName ? findAnomalyKind(kindName) : undefined;
  if (!kind) {
    return {
      error: `inject needs an anomaly kind (${ANOMALY_NAMES.join(", ")}), got ${kindName ? `"${clip(kindName)}"` : "nothing"}`,
    };
  }
  let share = kind.defaultShare;
  let durationMs = kind.defaultDurationMs;
  let magnitude: number | undefined;
  let topic: string | undefined;
  for (const word of args) {
    if (word.startsWith("topic=")) {
      topic = word.slice("topic=".length);
      continue;
    }
    if (/^x[\d.]/i.test(word)) {
      magnitude = Number(word.slice(1));
      const problem = Number.isNaN(magnitude) ? "must be a number" : magnitudeProblem(kind, magnitude);
      if (problem) return { error: `inject ${kind.name}: magnitude ${problem}, got "${clip(word)}"` };
      continue;
    }
    if (word.endsWith("%") || /^0?\.\d+$/.test(word)) {
      const parsed = shareValue(word);
      if (!parsed.ok) return { error: `inject ${kind.name}: share ${parsed.problem}, got "${clip(word)}"` };
      share = parsed.value;
      continue;
    }
    const d = parseDuration(word);
    if (!d.ok || d.ms <= 0) {
      return {
        error: `inject ${kind.name}: "${clip(word)}" is not a share (5%), a duration (30s), a magnitude (x3) or topic=NAME`,
      };
    }
    durationMs = d.ms;
    const problem = anomalyParamProblems(kind, { durationMs })[0];
    if (problem) return { error: `inject ${kind.name}: duration ${problem.problem}, got "${clip(word)}"` };
  }
  const anomaly = {
    kind: kind.name,
    share,
    durationMs,
    ...(magnitude !== undefined ? { magnitude } : {}),
    ...(topic ? { topic } : {}),
  };
  return { command: { type: "inject", anomaly, source: "stdin" } };
}
