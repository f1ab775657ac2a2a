/** Subcommands: the first positional argument picks one, `run` when there is none. */

export interface CommandSpec {
  name: string;
  usage: string;
  summary: string;
  /** Positional arguments after the command name it accepts. */
  maxArgs: number;
}

export const DEFAULT_COMMAND = "run";

/** Add `verify` (and its arity) here when it exists; parseCli and the help text follow. */
export const COMMANDS: readonly CommandSpec[] = [
  { name: "run", usage: "surge [run] [flags]", summary: "produce the scenario's events until --duration, --count or Ctrl-C", maxArgs: 0 },
  { name: "scenarios", usage: "surge scenarios", summary: "list the built-in scenarios", maxArgs: 0 },
];
