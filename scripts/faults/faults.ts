/**
 * The faults of the matrix, as in Kafka's ReplicationTest: the leader of the run's partition 0
 * bounced cleanly (SIGTERM, restart) or hard (SIGKILL, restart after 10 s), frozen (SIGSTOP 15 s),
 * and the active KRaft controller killed (restart after 10 s); and network partitions of that
 * leader for 20 s (issue 21, Jepsen's first fault): cut from clients (it stays leader), from the
 * other nodes (split brain: they elect another leader while clients can still write to it), or
 * from both.
 */
import { sleep, type Cluster } from "./cluster.ts";

export interface FaultTimes {
  /** The node acted on. */
  node: number;
  injectedMs: number;
  /** When the partition had a leader other than the node (injection time if it never led it). */
  electedMs: number | undefined;
  /** When the node was back (restarted or resumed). */
  healedMs: number;
}

export interface Fault {
  name: string;
  inject(cluster: Cluster, topic: string, log: (line: string) => void): Promise<FaultTimes>;
}

/** Polls the partition's leader (not asking `node`) until it is another node; resolves to that moment. */
async function watchElection(
  cluster: Cluster,
  topic: string,
  node: number,
  untilMs: number,
): Promise<number | undefined> {
  while (Date.now() < untilMs) {
    const leader = await cluster.leader(topic, 0, node).catch(() => node);
    if (leader !== node && leader >= 0) return Date.now();
    await sleep(500);
  }
  return undefined;
}

function leaderFault(name: string, act: (cluster: Cluster, node: number) => Promise<void>): Fault {
  return {
    name,
    async inject(cluster, topic, log) {
      const node = await cluster.leader(topic, 0);
      log(`${name}: node ${node} leads ${topic}/0`);
      const injectedMs = Date.now();
      const election = watchElection(cluster, topic, node, injectedMs + 60_000);
      await act(cluster, node);
      const healedMs = Date.now();
      return { node, injectedMs, electedMs: await election, healedMs };
    },
  };
}

/** How long a partition lasts. */
const CUT_S = 20;

function partitionFault(name: string, kind: "client" | "cluster" | "both"): Fault {
  return {
    name,
    async inject(cluster, topic, log) {
      const node = await cluster.leader(topic, 0);
      log(`${name}: node ${node} leads ${topic}/0`);
      const injectedMs = Date.now();
      // Cut from clients only, the node stays leader: recovery counts from the heal.
      const election =
        kind === "client" ? Promise.resolve(undefined) : watchElection(cluster, topic, node, injectedMs + 60_000);
      await cluster.partition(node, kind);
      try {
        await sleep(CUT_S * 1000);
      } finally {
        await cluster.heal(node);
      }
      return { node, injectedMs, electedMs: await election, healedMs: Date.now() };
    },
  };
}

export const FAULTS: readonly Fault[] = [
  leaderFault("leader clean bounce", async (c, n) => {
    await c.fault("term", n);
    await c.fault("start", n);
  }),
  leaderFault("leader hard bounce", async (c, n) => {
    await c.fault("kill", n);
    await sleep(10_000);
    await c.fault("start", n);
  }),
  leaderFault("leader SIGSTOP 15 s", async (c, n) => {
    await c.fault("stop", n);
    await sleep(15_000);
    await c.fault("cont", n);
  }),
  {
    name: "controller kill",
    async inject(cluster, topic, log) {
      const node = await cluster.controller();
      const leader = await cluster.leader(topic, 0);
      log(`controller kill: node ${node} is the active controller (node ${leader} leads ${topic}/0)`);
      const injectedMs = Date.now();
      const election =
        leader === node ? watchElection(cluster, topic, node, injectedMs + 60_000) : Promise.resolve(injectedMs);
      await cluster.fault("kill", node);
      await sleep(10_000);
      await cluster.fault("start", node);
      return { node, injectedMs, electedMs: await election, healedMs: Date.now() };
    },
  },
  partitionFault(`leader cut from clients ${CUT_S} s`, "client"),
  partitionFault(`leader cut from the cluster ${CUT_S} s (split brain)`, "cluster"),
  partitionFault(`leader isolated ${CUT_S} s`, "both"),
];
