/**
 * A broker of one test file's own (its own state dir, so faults never hit another test's broker):
 * scripts/kafka/up.sh and down.sh with SURGE_KAFKA_STATE set, and its process for signals.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./broker.ts";

export interface PrivateBroker {
  /** "127.0.0.1:PORT" once started. */
  up(): Promise<string>;
  down(): Promise<void>;
  /** Sends a signal to the broker's JVM (SIGSTOP, SIGCONT, SIGKILL...). */
  signal(name: NodeJS.Signals): Promise<void>;
  state: string;
}

export function privateBroker(name: string): PrivateBroker {
  const state = join(tmpdir(), `surge-kafka-${name}-${process.pid}`);
  const env = { ...process.env, SURGE_KAFKA_STATE: state };
  const script = (which: string): Promise<string> =>
    new Promise((resolve, reject) => {
      execFile("bash", [`scripts/kafka/${which}.sh`], { cwd: repoRoot, env }, (error, stdout, stderr) =>
        error ? reject(new Error(`${which}.sh: ${stderr}`)) : resolve(stdout.trim().split("\n").at(-1) ?? ""));
    });
  const pid = async (): Promise<number> => Number((await readFile(join(state, "pid"), "utf8")).trim());
  return {
    state,
    up: () => script("up"),
    down: async () => {
      // A frozen broker cannot stop: wake it first.
      await pid().then((p) => process.kill(p, "SIGCONT")).catch(() => undefined);
      await script("down");
    },
    signal: async (signal) => {
      process.kill(await pid(), signal);
    },
  };
}
