/**
 * Exit codes: 2 for what the user can fix by changing the command line or config (usage and
 * config errors, like meow and most CLIs), 1 for failures at run time (broker down, delivery failed).
 */

export const EXIT_OK = 0;
export const EXIT_RUNTIME = 1;
export const EXIT_USAGE = 2;

/** One or more one-line problems with flags, environment or scenario file. */
export class UsageError extends Error {
  readonly exitCode = EXIT_USAGE;
  readonly lines: readonly string[];

  constructor(lines: string | readonly string[]) {
    const all = typeof lines === "string" ? [lines] : [...lines];
    super(all.join("\n"));
    this.name = "UsageError";
    this.lines = all;
  }
}

export function isUsageError(error: unknown): error is UsageError {
  return error instanceof UsageError;
}

export function exitCodeFor(error: unknown): number {
  return isUsageError(error) ? EXIT_USAGE : EXIT_RUNTIME;
}
