/**
 * `npm run test:faults`: the fault matrix of issues 9 and 21 on a local three-broker cluster of its
 * own ({leader clean bounce, leader hard bounce, leader SIGSTOP 15 s, controller kill, leader cut
 * from clients, leader cut from the cluster, leader isolated} × {acks 1, acks all, idempotent},
 * each run followed by `surge verify`), printed as a Markdown table. The partitions need root.
 * Exit 1 when a cell fails. Needs `npm run build` first (it runs dist/surge).
 *
 *   npm run test:faults -- [--rate 10000] [--duration 60] [--fault-at 20] [--faults hard,sigstop,client-cut,cluster-cut,isolated] [--modes all,idempotent] [--json FILE]
 */
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runCell, type CellReport } from "./cell.ts";
import { canPartition, Cluster } from "./cluster.ts";
import { FAULTS } from "./faults.ts";
import { MODES } from "./modes.ts";
import { markdownTable } from "./table.ts";

const FAULT_KEYS: Record<string, string> = {
  clean: "leader clean bounce",
  hard: "leader hard bounce",
  sigstop: "leader SIGSTOP 15 s",
  controller: "controller kill",
  "client-cut": "leader cut from clients 20 s",
  "cluster-cut": "leader cut from the cluster 20 s (split brain)",
  isolated: "leader isolated 20 s",
};
const PARTITIONS = new Set(["client-cut", "cluster-cut", "isolated"]);
const MODE_KEYS: Record<string, string> = { acks1: "acks 1", all: "acks all", idempotent: "idempotent" };

export interface MatrixOptions {
  rate: number;
  durationS: number;
  faultAtS: number;
  /** [fault key, mode key] pairs, run in this order. */
  cells: Array<[string, string]>;
  state: string;
  log: (line: string) => void;
}

export async function runMatrix(o: MatrixOptions): Promise<CellReport[]> {
  const cut = [...new Set(o.cells.map(([f]) => f).filter((f) => PARTITIONS.has(f)))];
  if (cut.length > 0 && !canPartition()) {
    throw new Error(
      `the partition faults (${cut.join(", ")}) need root for their nftables rules: run as root, or leave them out with --faults`,
    );
  }
  const cluster = new Cluster(o.state);
  o.log(`cluster: ${await cluster.up()} (state ${o.state})`);
  const reports: CellReport[] = [];
  const onSignal = (signal: NodeJS.Signals): void => {
    cluster.healAllNow();
    process.kill(process.pid, signal);
  };
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
  try {
    for (const [faultKey, modeKey] of o.cells) {
      const fault = FAULTS.find((f) => f.name === FAULT_KEYS[faultKey]);
      if (!fault) throw new Error(`unknown fault ${faultKey} (${Object.keys(FAULT_KEYS).join(", ")})`);
      const mode = MODES.find((m) => m.name === MODE_KEYS[modeKey]);
      if (!mode) throw new Error(`unknown mode ${modeKey} (${Object.keys(MODE_KEYS).join(", ")})`);
      await cluster.waitInSync(120_000);
      reports.push(
        await runCell(cluster, fault, mode, { rate: o.rate, durationS: o.durationS, faultAtS: o.faultAtS, log: o.log }),
      );
    }
  } finally {
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
    await cluster.down().catch((error: unknown) => o.log(`kafka:down failed: ${String(error)}`));
  }
  return reports;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: "string", default: "10000" },
      duration: { type: "string", default: "60" },
      "fault-at": { type: "string", default: "20" },
      faults: { type: "string", default: Object.keys(FAULT_KEYS).join(",") },
      modes: { type: "string", default: Object.keys(MODE_KEYS).join(",") },
      json: { type: "string" },
    },
  });
  const state = `${process.env["SURGE_KAFKA_STATE"] || join(tmpdir(), "surge-kafka")}-faults`;
  const faults = values.faults.split(",");
  const modes = values.modes.split(",");
  const options: MatrixOptions = {
    rate: Number(values.rate),
    durationS: Number(values.duration),
    faultAtS: Number(values["fault-at"]),
    cells: faults.flatMap((f) => modes.map((m): [string, string] => [f, m])),
    state,
    log: (line) => console.error(`[faults] ${line}`),
  };
  const started = Date.now();
  const reports = await runMatrix(options);
  const command =
    `npm run test:faults -- --rate ${options.rate} --duration ${options.durationS} --fault-at ${options.faultAtS}` +
    ` --faults ${faults.join(",")} --modes ${modes.join(",")}`;
  console.log(markdownTable(reports, command, (Date.now() - started) / 1000));
  if (values.json) await writeFile(values.json, JSON.stringify(reports, null, 2));
  process.exitCode = reports.every((r) => r.pass) ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(`[faults] error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
