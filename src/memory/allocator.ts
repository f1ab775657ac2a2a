/**
 * With --memory-limit off, under Bun, surge starts itself again (execve: the same process id,
 * terminal and signals) with mimalloc told to keep the memory it frees. By default mimalloc hands
 * freed pages back to the kernel after 10 ms; at 200,000 records/s the same pages are then faulted
 * in again at once: keeping them cost 0.79-0.96x the CPU against a broker, but RSS then stays at
 * its peak (+50-100 MB at 1M devices), which the default limit exists to prevent (BENCHMARKS.md,
 * "Stop 29"). A MIMALLOC_PURGE_DELAY of the user's own is kept.
 */

export const PURGE_DELAY_ENV = "MIMALLOC_PURGE_DELAY";
/** Never purge: freed pages stay for the next allocation (mimalloc's option, in ms; -1 = never). */
const KEEP_FREED = "-1";

const QUICK_ANSWERS = new Set(["--help", "-h", "--version"]);

export interface Relaunch {
  file: string;
  args: string[];
  env: Record<string, string | undefined>;
}

export interface ProcessFacts {
  env: Record<string, string | undefined>;
  /** process.versions.bun, when running under Bun. */
  bun: string | undefined;
  platform: string;
  execPath: string;
  argv: readonly string[];
  execArgv: readonly string[];
}

/** How to start again with the allocator setting, or undefined when it is set or does not apply. */
export function allocatorRelaunch(p: ProcessFacts): Relaunch | undefined {
  if (p.bun === undefined || p.platform !== "linux" || p.env[PURGE_DELAY_ENV] !== undefined) return undefined;
  if (!memoryLimitOff(p.argv, p.env)) return undefined;
  // A help or version answer allocates nothing worth it: no second start for those.
  if (p.argv.some((a) => QUICK_ANSWERS.has(a))) return undefined;
  // The compiled binary puts its own script path (/$bunfs/...) back in argv[1]; `bun FILE` needs FILE.
  const compiled = (p.argv[1] ?? "").startsWith("/$bunfs/");
  const args = compiled ? [p.execPath, ...p.argv.slice(2)] : [p.execPath, ...p.execArgv, ...p.argv.slice(1)];
  return { file: p.execPath, args, env: { ...p.env, [PURGE_DELAY_ENV]: KEEP_FREED } };
}

/**
 * --memory-limit 0/off on the command line, else in SURGE_MEMORY_LIMIT (a flag wins, as in the
 * settings): the run asked for no bound on memory. A scenario file's setting comes too late here.
 */
function memoryLimitOff(argv: readonly string[], env: Record<string, string | undefined>): boolean {
  let value = env["SURGE_MEMORY_LIMIT"];
  argv.forEach((a, i) => {
    if (a === "--memory-limit") value = argv[i + 1];
    else if (a.startsWith("--memory-limit=")) value = a.slice("--memory-limit=".length);
  });
  const text = value?.trim().toLowerCase();
  return text === "0" || text === "off";
}

interface Execve {
  execve?: (file: string, args: string[], env: Record<string, string | undefined>) => never;
}

/** Replaces this process with itself plus the allocator setting, where that applies; else returns. */
export function relaunchWithAllocatorSettings(): void {
  const relaunch = allocatorRelaunch({
    env: process.env,
    bun: process.versions.bun,
    platform: process.platform,
    execPath: process.execPath,
    argv: process.argv,
    execArgv: process.execArgv,
  });
  const execve = (process as unknown as Execve).execve;
  if (!relaunch || typeof execve !== "function") return;
  try {
    execve(relaunch.file, relaunch.args, relaunch.env);
  } catch {
    // Not started again (a sandbox without execve): the run goes on with the default allocator.
  }
}
