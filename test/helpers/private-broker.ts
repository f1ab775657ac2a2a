/**
 * A broker of one test file's own (its own state dir, so faults never hit another test's broker):
 * scripts/kafka/up.sh and down.sh with SURGE_KAFKA_STATE set, and its process for signals.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ownBroker } from "./broker.ts";

export interface PrivateBroker {
  /** "127.0.0.1:PORT" (a comma-separated list for a cluster) once started. */
  up(brokers?: number): Promise<string>;
  /** scripts/kafka/fault.sh: kill|term|stop|cont|start one node of the cluster. */
  fault(action: "kill" | "term" | "stop" | "cont" | "start", id: number): Promise<void>;
  /** The node id leading a partition (scripts/kafka/leader.sh). */
  leader(topic: string, partition: number): Promise<number>;
  down(): Promise<void>;
  /** Sends a signal to the broker's JVM (SIGSTOP, SIGCONT, SIGKILL...). */
  signal(name: NodeJS.Signals): Promise<void>;
  state: string;
}

export function privateBroker(name: string): PrivateBroker {
  const { state, script: run } = ownBroker(name);
  const script = (which: string, args: string[] = []): Promise<string> => run(which, ...args);
  const pid = async (): Promise<number> => Number((await readFile(join(state, "pid"), "utf8")).trim());
  return {
    state,
    up: (brokers) => script("up", brokers ? ["--brokers", String(brokers)] : []),
    fault: async (action, id) => {
      await script("fault", [action, String(id)]);
    },
    leader: async (topic, partition) => Number(await script("leader", [topic, String(partition)])),
    down: async () => {
      // A frozen broker cannot stop: wake it first.
      await pid()
        .then((p) => process.kill(p, "SIGCONT"))
        .catch(() => undefined);
      await script("down");
    },
    signal: async (signal) => {
      process.kill(await pid(), signal);
    },
  };
}
