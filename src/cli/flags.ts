/**
 * Command line -> command + raw flags + positionals. Nothing here exits or prints: errors come
 * back as lines so the caller picks the exit code (2). Values stay text; config/resolve.ts
 * validates them together with the environment and the scenario file.
 */
import meow from "meow";
import { FLAG_SPECS, flagSpec, type FlagKey, type RawFlags } from "../config/raw-flags.ts";
import { redact } from "../config/redact.ts";
import { closest } from "../common/suggest.ts";
import { COMMANDS, DEFAULT_COMMAND, flagProblems } from "./commands.ts";
import { scanArgv } from "./scan-argv.ts";

export type ParsedCli = { command: string; flags: RawFlags; positionals: string[] } | { errors: string[] };

type MeowFlag = { type: "string" | "boolean"; shortFlag?: string };

/** meow's flag table: camelCase keys; --no-tui is the negation of a `tui` switch. */
export const MEOW_FLAGS: Record<string, MeowFlag> = Object.fromEntries(
  FLAG_SPECS.map((spec) => [
    spec.key === "noTui" ? "tui" : spec.key,
    spec.key === "help" ? { type: "boolean", shortFlag: "h" } : { type: spec.type },
  ]),
);

/** argv without the runtime and script, i.e. process.argv.slice(2). */
export function parseCli(argv: readonly string[]): ParsedCli {
  const scanned = scanArgv(argv);
  const secrets = [secretIn(scanned.argv)];
  if (scanned.errors.length > 0) return { errors: redact(scanned.errors, secrets) };

  let result: { input: string[]; flags: Record<string, unknown> };
  try {
    result = meow({
      importMeta: import.meta,
      argv: scanned.argv,
      flags: MEOW_FLAGS,
      // Handled by the caller, so output and exit codes stay ours.
      autoHelp: false,
      autoVersion: false,
      // Unknown flags were rejected by scanArgv; meow's own check would print and process.exit(2).
      allowUnknownFlags: true,
      // Absent switches must stay undefined so the environment can set them.
      booleanDefault: undefined,
      // Given, so meow does not look for package.json (there is none inside the compiled binary).
      pkg: { name: "surge" },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { errors: redact([`${message.split("\n")[0]} (see surge --help)`], secrets) };
  }

  const [first, ...rest] = result.input;
  const command = first ?? DEFAULT_COMMAND;
  const spec = COMMANDS.find((c) => c.name === command);
  const errors: string[] = [];
  if (!spec) {
    const guess = closest(
      command,
      COMMANDS.map((c) => c.name),
    );
    errors.push(
      `unknown command ${JSON.stringify(command)} (${guess ? `did you mean ${guess}? ` : ""}commands: ${COMMANDS.map((c) => c.name).join(", ")}; see surge --help)`,
    );
  } else if (rest.length > spec.maxArgs) {
    const extra = rest
      .slice(spec.maxArgs)
      .map((a) => JSON.stringify(a))
      .join(" ");
    errors.push(`unexpected argument${rest.length - spec.maxArgs > 1 ? "s" : ""} ${extra} (usage: ${spec.usage})`);
  }
  const flags = toRawFlags(result.flags);
  if (spec) errors.push(...flagProblems(spec, Object.keys(flags) as FlagKey[], (key) => flagSpec(key).name));
  if (errors.length > 0) return { errors: redact(errors, secrets) };
  return { command, flags, positionals: rest };
}

function toRawFlags(parsed: Record<string, unknown>): RawFlags {
  const flags: Record<string, string | boolean> = {};
  for (const spec of FLAG_SPECS) {
    if (spec.key === "noTui") {
      if (parsed["tui"] === false) flags["noTui"] = true;
      continue;
    }
    // meow's camelCase upper-cases a letter after a digit: --e2e comes back as "e2E".
    const value =
      parsed[spec.key] ?? parsed[spec.key.replace(/(\d)([a-z])$/, (_, d: string, c: string) => d + c.toUpperCase())];
    if (spec.type === "string" && typeof value === "string") flags[spec.key] = value;
    if (spec.type === "boolean" && typeof value === "boolean") flags[spec.key] = value;
  }
  return flags as RawFlags;
}

function secretIn(argv: readonly string[]): string | undefined {
  const prefix = "--sasl-password=";
  return argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}
