/**
 * How large a scenario may be. Beyond these a file is refused at once (exit 2, one line) instead
 * of being read for minutes; the built-in scenarios are a few KB.
 */
export const SCENARIO_LIMITS = {
  /** The file itself. */
  bytes: 1024 * 1024,
  /** Entries of `timeline:`. */
  timelineEntries: 10_000,
} as const;

/** Problems listed for one bad file or command line; the rest are counted. */
export const MAX_PROBLEMS_SHOWN = 20;

export const formatBytes = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? `${+(bytes / 1024 / 1024).toFixed(1)} MiB`
    : bytes >= 1024
      ? `${+(bytes / 1024).toFixed(1)} KiB`
      : `${bytes} bytes`;

/** "FILE is 50 MiB; a scenario may be at most 4 MiB" */
export const tooLargeProblem = (source: string, bytes: number): string =>
  `${source}: the file is ${formatBytes(bytes)}; a scenario file may be at most ${formatBytes(SCENARIO_LIMITS.bytes)}`;
