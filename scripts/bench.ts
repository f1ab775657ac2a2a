/**
 * The numbers in BENCHMARKS.md: surge industrial at --rate max next to kafka-producer-perf-test
 * and kcat in one run, the same record count and average record size, acks=1, each with its
 * defaults and tuned for throughput; then memory at 100k devices and rate holding at 5,000 msg/s.
 * Everything against the local broker from scripts/kafka/up.sh.
 *
 *   BENCH_RECORDS   events per producer run (default 2,000,000)
 *   BENCH_SECONDS   length of the steady-rate run (default 30)
 *   BENCH_PEERS_ONLY=1  only the peer table (a short comparison)
 *   BENCH_ROUNDS    peer tables in a row (default 1): this machine drifts between sittings, so
 *                   several rounds end with each target's ratio per round, min / median / max
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { cpus, loadavg, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import type { PeerResult } from "./bench-peers.ts";
import {
  deleteTopics,
  hasKcat,
  kcat,
  perfTest,
  perRecord,
  SURGE_LIKE_HEADERS,
  surge,
  withBrokerCpu,
} from "./bench-peers.ts";

const records = Number(process.env.BENCH_RECORDS ?? 2_000_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));
const root = new URL("..", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "surge-bench-"));
const stamp = Date.now().toString(36);

function bootstrap(): string {
  const out = execFileSync("bash", ["scripts/kafka/up.sh"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return out.trim().split("\n").at(-1) ?? "";
}

const fmt = (n: number, d = 0): string =>
  n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });

const brokers = bootstrap();
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${fmt(totalmem() / 2 ** 30, 1)} GiB; broker ${brokers}; load average ${loadavg()
    .map((l) => fmt(l, 1))
    .join(" ")}`,
);

// 1. Peers. A warm-up surge run first, not counted: a broker just started is still compiling its
// hot paths and the first producer measured would pay for it (seen: surge at 142k rec/s in a first
// round, 344k in the next). It also sets the record size and count every producer sends.
const warmup = surge(root, work, brokers, `bench-${stamp}-warmup`, records, [], "warm-up");
const size = warmup.recordBytes;
const count = warmup.records;
console.log(
  `warm-up (not counted): surge ${fmt(perRecord(warmup).recordsPerSec)} records/s; ${fmt(count)} records of ${size} B from here on`,
);

type Peer = "surge" | "perf-test" | "kcat";
/** Each peer's two runs, defaults then tuned. */
function peerRuns(peer: Peer, round: number): PeerResult[] {
  const name = (settings: string): string => `bench-${peer === "surge" ? "" : `${peer}-`}${stamp}-${round}-${settings}`;
  if (peer === "surge")
    return [
      withBrokerCpu(() => surge(root, work, brokers, name("d"), records, [], "defaults")),
      withBrokerCpu(() =>
        surge(
          root,
          work,
          brokers,
          name("t"),
          records,
          ["--batch-size", "256k", "--linger-ms", "10", "--memory-limit", "off"],
          "--batch-size 256k --linger-ms 10 --memory-limit off",
        ),
      ),
    ];
  if (peer === "perf-test")
    return [
      withBrokerCpu(() => perfTest(root, brokers, name("d"), count, size, [], "defaults")),
      withBrokerCpu(() =>
        perfTest(
          root,
          brokers,
          name("t"),
          count,
          size,
          ["batch.size=1048576", "linger.ms=10"],
          "batch.size=1048576 linger.ms=10",
        ),
      ),
    ];
  return [
    withBrokerCpu(() => kcat(brokers, name("d"), count, size, [], "defaults")),
    withBrokerCpu(() =>
      kcat(
        brokers,
        name("t"),
        count,
        size,
        ["linger.ms=10", "batch.size=1000000"],
        "-X linger.ms=10 -X batch.size=1000000",
      ),
    ),
    // Not a target: the same records with headers like surge's, to show what they cost the broker.
    withBrokerCpu(() =>
      kcat(brokers, name("h"), count, size, ["linger.ms=10", "batch.size=1000000"], HEADERS_ROW, SURGE_LIKE_HEADERS),
    ),
  ];
}

const HEADERS_ROW = "-X linger.ms=10 -X batch.size=1000000, 3 headers like surge's";

const PEERS: readonly Peer[] = hasKcat() ? ["surge", "perf-test", "kcat"] : ["surge", "perf-test"];
if (!hasKcat()) console.log("kcat not installed (apt-get install kcat): left out");

/** One table; the peers take turns going first, so no one always meets the broker in the same state. */
function peerRound(round: number): { perfTest: number; kcat: number } {
  const order = PEERS.map((_, i) => PEERS[(i + round) % PEERS.length]!);
  const ran = new Map(order.map((peer) => [peer, peerRuns(peer, round)] as const));

  const results = PEERS.flatMap((peer) => ran.get(peer) ?? []);
  const rateOf = (peer: string, settings: "defaults" | "tuned" | "headers"): number => {
    const r = results.find(
      (x) =>
        x.peer === peer &&
        (settings === "defaults"
          ? x.settings === "defaults"
          : settings === "headers"
            ? x.settings === HEADERS_ROW
            : x.settings !== "defaults" && x.settings !== HEADERS_ROW),
    );
    return r ? perRecord(r).recordsPerSec : NaN;
  };
  console.log("");
  console.log(
    `${fmt(count)} records of ${size} B (surge: industrial's average; the others: that size), acks=1, run order ${order.join(", ")}, load average now ${fmt(loadavg()[0] ?? 0, 1)}`,
  );
  console.log("");
  console.log(
    "| producer | settings | records/s | MB/s | CPU µs/record | broker CPU µs/record | peak RSS MB | p99 ms |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of results) {
    const p = perRecord(r);
    console.log(
      `| ${r.peer} | ${r.settings} | ${fmt(p.recordsPerSec)} | ${fmt(p.mbPerSec, 1)} | ${fmt(p.cpuUsPerRecord, 2)} | ${fmt(p.brokerUsPerRecord, 2)} | ${fmt(r.maxRssMb)} | ${r.p99Ms === undefined ? "" : fmt(r.p99Ms, 1)} |`,
    );
  }
  console.log("");
  for (const s of ["defaults", "tuned"] as const) {
    const mine = rateOf("surge", s);
    console.log(
      `${s}: surge / perf-test ${fmt(mine / rateOf("perf-test", s), 2)}×, surge / kcat ${fmt(mine / rateOf("kcat", s), 2)}×`,
    );
  }
  if (PEERS.includes("kcat"))
    console.log(
      `tuned, kcat's records with headers like surge's: surge / kcat ${fmt(rateOf("surge", "tuned") / rateOf("kcat", "headers"), 2)}× (not a target)`,
    );
  console.log(
    `targets (tuned): surge ≥ 1.0× perf-test ${rateOf("surge", "tuned") >= rateOf("perf-test", "tuned") ? "MET" : "NOT MET"}; ` +
      `surge ≥ 0.8× kcat ${rateOf("surge", "tuned") >= 0.8 * rateOf("kcat", "tuned") ? "MET" : "NOT MET"}`,
  );
  return {
    perfTest: rateOf("surge", "tuned") / rateOf("perf-test", "tuned"),
    kcat: rateOf("surge", "tuned") / rateOf("kcat", "tuned"),
  };
}

const ratios: Array<{ perfTest: number; kcat: number }> = [];
for (let round = 0; round < rounds; round++) {
  ratios.push(peerRound(round));
  // Each run's topics go once the round is read: a round writes several GB.
  await deleteTopics(brokers, `bench-`);
}
if (rounds > 1) {
  const spread = (xs: number[]): string => {
    const sorted = [...xs].sort((x, y) => x - y);
    return `${xs.map((x) => fmt(x, 2)).join(", ")} (min ${fmt(sorted[0] ?? NaN, 2)}, median ${fmt(((sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN) + (sorted[Math.ceil((sorted.length - 1) / 2)] ?? NaN)) / 2, 2)}, max ${fmt(sorted.at(-1) ?? NaN, 2)})`;
  };
  console.log("");
  console.log(`${rounds} rounds, tuned: surge / perf-test ${spread(ratios.map((r) => r.perfTest))}`);
  console.log(`${rounds} rounds, tuned: surge / kcat ${spread(ratios.map((r) => r.kcat))}`);
}

if (process.env.BENCH_PEERS_ONLY !== "1") {
  // 2. Memory at 100,000 devices (a moderate rate; what matters is the fleet's state) and
  // 3. rate holding at 5,000 msg/s.
  const big = surge(
    root,
    work,
    brokers,
    `bench-${stamp}-rss`,
    20_000 * 20,
    ["--devices", "100000", "--rate", "20000"],
    "100k devices",
  );
  const steady = surge(root, work, brokers, `bench-${stamp}-steady`, 5000 * seconds, ["--rate", "5000"], "5,000/s");
  const steadyRate = steady.records / steady.seconds;
  console.log("");
  console.log(`100k devices at 20,000/s: peak RSS ${fmt(big.maxRssMb)} MB, p99 ${fmt(big.p99Ms ?? NaN, 1)} ms`);
  console.log(`--rate 5000 for ${seconds}s: ${fmt(steadyRate, 1)} acked/s, p99 ${fmt(steady.p99Ms ?? NaN, 1)} ms`);
}
await deleteTopics(brokers, "bench-");
