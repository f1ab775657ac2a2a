/**
 * npm run bench:memory: peak RSS of dist/surge against the rate (dry run, 1,000,000 devices), so
 * memory that grows with the rate shows as a rising column; --all adds every built-in fleet and
 * one inferred by `surge init --from-sample` at the top rate. Peak RSS from /usr/bin/time.
 *   node --import tsx scripts/bench-memory.ts [--devices 1000000] [--rates 2000,20000,200000]
 *     [--duration 15s] [--all] [--bin dist/surge]
 * A loaded machine makes fewer events than asked: each line says how many were made, and how many
 * of the devices had emitted (what per-device memory depends on).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { builtinScenarios } from "../src/config/builtins.generated.ts";

const root = new URL("..", import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    devices: { type: "string", default: "1000000" },
    rates: { type: "string", default: "2000,20000,200000" },
    duration: { type: "string", default: "15s" },
    all: { type: "boolean", default: false },
    bin: { type: "string", default: join(root, "dist/surge") },
  },
});
const devices = Number(args.devices);
const rates = args.rates.split(",").map(Number);
if (!existsSync("/usr/bin/time")) {
  console.error("bench-memory: needs GNU time at /usr/bin/time for the peak RSS (apt-get install time)");
  process.exit(2);
}
if (!existsSync(args.bin)) {
  console.error(`bench-memory: no ${args.bin}: npm run build first`);
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), "surge-bench-memory-"));

/** Three smart-meter readings: what a user would hand `surge init --from-sample`. */
const SAMPLES = [
  { meter_id: "SM-0000123", mac: "00:1a:2b:3c:4d:5e", serial: "SN83746251", region: "north", v: 230.1, lat: 52.5123 },
  { meter_id: "SM-0004711", mac: "00:1a:2b:9f:11:02", serial: "SN19283746", region: "south", v: 229.4, lat: 48.1371 },
  { meter_id: "SM-0020001", mac: "00:1a:2b:00:ab:cd", serial: "SN55512345", region: "east", v: 231.0, lat: 50.9375 },
].map((s, i) => ({
  ...s,
  customer: [
    "8f14e45f-ceea-467f-a0e6-1a2b3c4d5e6f",
    "c9f0f895-fb98-4b91-9a2b-7c6d5e4f3a2b",
    "45c48cce-2e2d-4fbd-8a1b-9c8d7e6f5a4b",
  ][i],
  ts: `2026-12-06T10:15:0${i * 5}.000Z`,
  energy_kwh: [1234.567, 88.201, 5021.9][i],
  power_w: [850, 2310, 120][i],
  location: { lat: s.lat, lon: [13.4012, 11.5754, 6.9603][i] },
  tariff: ["standard", "economy", "business"][i],
  rssi: [-71, -85, -60][i],
}));

function inferredFleet(): string {
  const files = SAMPLES.map((s, i) => {
    const file = join(work, `meter${i + 1}.json`);
    writeFileSync(file, JSON.stringify(s));
    return file;
  });
  const out = join(work, "smart-meter.yaml");
  const r = spawnSync(args.bin, ["init", "--from-sample", ...files, "--out", out], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`surge init --from-sample failed: ${r.stderr}`);
  return out;
}

interface Measured {
  rssMb: number;
  records: number;
  seconds: number;
}

function measure(scenario: string, rate: number): Measured {
  const summary = join(work, "summary.json");
  const r = spawnSync(
    "/usr/bin/time",
    ["-f", "%M", args.bin, "--dry-run", "--no-tui", "--scenario", scenario, "--devices", String(devices)].concat([
      "--rate",
      String(rate),
      "--duration",
      args.duration,
      "--seed",
      "1",
      "--summary-json",
      summary,
    ]),
    { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] },
  );
  if (r.status !== 0) throw new Error(`surge --scenario ${scenario} failed (${r.status}): ${r.stderr}`);
  const s = JSON.parse(readFileSync(summary, "utf8")) as { elapsedSeconds: number; totals: { generated: number } };
  const rssKb = Number(r.stderr.trim().split("\n").at(-1));
  return { rssMb: rssKb / 1024, records: s.totals.generated, seconds: s.elapsedSeconds };
}

const n = (x: number): string => Math.round(x).toLocaleString("en-US");
function line(label: string, rate: number, m: Measured): void {
  // Devices emit in turn: after `records` records at least min(records, devices) have emitted
  // (fewer when an event writes several records).
  console.log(
    `${label.padEnd(12)} target ${n(rate).padStart(7)}/s  made ${n(m.records / m.seconds).padStart(7)} records/s ` +
      `(${n(m.records)}, devices reached <= ${n(Math.min(devices, m.records))})  peak RSS ${n(m.rssMb).padStart(4)} MB`,
  );
}

console.log(`dist/surge --dry-run, ${n(devices)} devices, ${args.duration} per run; peak RSS of the process`);
for (const rate of rates) line("industrial", rate, measure("industrial", rate));
if (args.all) {
  const top = Math.max(...rates);
  for (const name of Object.keys(builtinScenarios)) if (name !== "industrial") line(name, top, measure(name, top));
  line("inferred", top, measure(inferredFleet(), top));
}
