/** The fault harness's three-broker cluster: scripts/kafka/*.sh with a state dir of its own, leaders and ISRs via kafkajs. */
import { execFile, spawnSync } from "node:child_process";
import kafkajs from "kafkajs";

export const repoRoot = new URL("../../", import.meta.url).pathname;

export class Cluster {
  readonly env: NodeJS.ProcessEnv;
  /** PLAINTEXT address of node id i at index i - 1. */
  private nodes: string[] = [];

  constructor(readonly state: string) {
    this.env = { ...process.env, SURGE_KAFKA_STATE: state };
  }

  get bootstrap(): string {
    return this.nodes.join(",");
  }

  /** Starts the three nodes (or restarts the dead ones with their data), wakes frozen ones and heals cut ones. */
  async up(): Promise<string> {
    if (this.nodes.length > 0)
      for (let id = 1; id <= this.nodes.length; id++)
        await this.script("fault", "cont", String(id)).catch(() => undefined);
    const out = await this.script("up", "--brokers", "3");
    if (canPartition()) await this.script("fault", "heal", "all");
    this.nodes = out.split(",");
    return out;
  }

  down(): Promise<string> {
    return this.script("down");
  }

  /** kill | term | stop | cont | start one node (scripts/kafka/fault.sh). */
  fault(action: "kill" | "term" | "stop" | "cont" | "start", id: number): Promise<string> {
    return this.script("fault", action, String(id));
  }

  /** Cuts one node off the network (scripts/kafka/partition.sh): from clients, the other nodes, or both. */
  partition(id: number, kind: "client" | "cluster" | "both"): Promise<string> {
    return this.script("fault", "partition", String(id), kind);
  }

  heal(id: number): Promise<string> {
    return this.script("fault", "heal", String(id));
  }

  /** For a matrix stopped by a signal: no cut outlives it (kafka:down would heal them too). */
  healAllNow(): void {
    if (canPartition())
      spawnSync("bash", ["scripts/kafka/fault.sh", "heal", "all"], {
        cwd: repoRoot,
        env: this.env,
        stdio: "ignore",
        timeout: 30_000,
      });
  }

  async controller(): Promise<number> {
    return Number(await this.script("controller"));
  }

  /** The leader of a partition, asked of the nodes other than `avoid` (a frozen node would hang the request). */
  async leader(topic: string, partition: number, avoid?: number): Promise<number> {
    const brokers = this.nodes.filter((_, i) => i + 1 !== avoid);
    return this.withAdmin(brokers, async (admin) => {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const found = topics[0]?.partitions.find((p) => p.partitionId === partition);
      if (!found) throw new Error(`no partition ${topic}/${partition}`);
      return found.leader;
    });
  }

  /** Waits until every partition of every topic has all its replicas in sync (a restarted node caught up). */
  async waitInSync(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const lagging = await this.withAdmin(this.nodes, async (admin) => {
        const names = (await admin.listTopics()).filter((t) => !t.startsWith("__"));
        const { topics } = await admin.fetchTopicMetadata({ topics: names });
        return topics.flatMap((t) =>
          t.partitions.filter((p) => p.isr.length < p.replicas.length).map((p) => `${t.name}/${p.partitionId}`),
        );
      }).catch(() => ["(metadata unavailable)"]);
      if (lagging.length === 0) return;
      if (Date.now() > deadline)
        throw new Error(`replicas still out of sync after ${timeoutMs / 1000} s: ${lagging.slice(0, 5).join(", ")}`);
      await sleep(1000);
    }
  }

  private async withAdmin<T>(brokers: string[], use: (admin: kafkajs.Admin) => Promise<T>): Promise<T> {
    const kafka = new kafkajs.Kafka({
      brokers,
      clientId: "surge-faults",
      logLevel: kafkajs.logLevel.NOTHING,
      connectionTimeout: 2000,
      requestTimeout: 5000,
      retry: { retries: 2 },
    });
    const admin = kafka.admin();
    try {
      await admin.connect();
      return await use(admin);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  private script(name: string, ...args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        "bash",
        [`scripts/kafka/${name}.sh`, ...args],
        { cwd: repoRoot, env: this.env, timeout: 300_000 },
        (error, stdout, stderr) =>
          error
            ? reject(new Error(`${name}.sh ${args.join(" ")}: ${stderr.trim().split("\n").slice(-5).join("\n")}`))
            : resolve(stdout.trim().split("\n").at(-1) ?? ""),
      );
    });
  }
}

/** Partitions add nftables rules: root only. */
export const canPartition = (): boolean => process.getuid?.() === 0;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
