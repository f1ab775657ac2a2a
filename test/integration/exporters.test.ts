/**
 * --metrics and --hdr-log against the real broker: a real Prometheus (Debian's `prometheus`)
 * scrapes surge during a run and its values match --summary-json; HdrHistogram's own Java tool
 * reads the interval log and its percentiles match the summary; every metric the Grafana
 * dashboard queries is in /metrics.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ensureBroker, repoRoot } from "../helpers/broker.ts";
import { runTool } from "../helpers/kafka-tools.ts";
import { freePort, startPrometheus, type Prometheus } from "../helpers/prometheus.ts";
import { runSurge, surgeBinary, uniquePrefix } from "../helpers/surge.ts";

interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}
interface TopicSummary {
  generated: number;
  acked: number;
  failed: number;
  unsent: number;
  bytes: number;
  latencyMs: Percentiles;
  lateMs: Pick<Percentiles, "p50" | "p99" | "max">;
}
interface Summary {
  runId: string;
  scenario: string;
  behind: number;
  topics: Record<string, TopicSummary>;
}

let dir = "";
let summary: Summary | undefined;
let metricsText = "";
let openMetrics = { type: "", text: "" };
let prometheus: Prometheus | undefined;
let surge: ChildProcess | undefined;
const values = new Map<string, number>();
const panelAnswers: Array<{ title: string; series: number; error?: string }> = [];
const prefix = uniquePrefix("metrics");
const hdrLog = (): string => join(dir, "run.hlog");

/** HDR keeps 3 significant digits: two readings of one histogram agree to about 0.1 %. */
function near(actual: number, expected: number, what: string): void {
  const tolerance = Math.max(0.002, Math.abs(expected) * 0.002);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected} (± ${tolerance})`);
}

before(async () => {
  const brokers = await ensureBroker();
  dir = await mkdtemp(join(tmpdir(), "surge-exporters-"));
  const summaryPath = join(dir, "summary.json");
  const child = spawn(
    surgeBinary,
    [
      "--brokers",
      brokers,
      "--scenario",
      "industrial",
      "--devices",
      "400",
      "--rate",
      "800",
      "--duration",
      "10s",
      "--topic-prefix",
      prefix,
      "--no-tui",
      "--interval",
      "1s",
      "--summary-json",
      summaryPath,
      "--hdr-log",
      hdrLog(),
      "--metrics",
      "127.0.0.1:0",
      "--metrics-grace",
      "10m",
    ],
    { cwd: repoRoot, stdio: ["ignore", "ignore", "pipe"] },
  );
  surge = child;
  let stderr = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no metrics address in:\n${stderr}`)), 60_000);
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      const found = /metrics on (http:\/\/127\.0\.0\.1:\d+)\/metrics/.exec(stderr);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child.once("exit", (code) => reject(new Error(`surge exited (${code}) before serving metrics:\n${stderr}`)));
  });
  prometheus = await startPrometheus(url.replace("http://", ""));
  // The run ends, the summary is written, /metrics stays up (grace): wait for Prometheus to
  // have scraped the stopped run, whose counters are final.
  const deadline = Date.now() + 90_000;
  while (!existsSync(summaryPath) || (await prometheus.query('surge_run_state{state="stopped"}')) !== 1) {
    if (Date.now() > deadline) throw new Error(`Prometheus never saw the run stop:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  summary = JSON.parse(await readFile(summaryPath, "utf8")) as Summary;
  metricsText = await (await fetch(`${url}/metrics`)).text();
  const open = await fetch(`${url}/metrics`, { headers: { accept: "application/openmetrics-text; version=1.0.0" } });
  openMetrics = { type: open.headers.get("content-type") ?? "", text: await open.text() };
  values.set("sawRunning", await prometheus.query('max_over_time(surge_run_state{state="running"}[5m])'));
  const ready = await fetch(`${url}/readyz`);
  values.set("readyAfterStop", ready.status);
  values.set("healthAfterStop", (await fetch(`${url}/healthz`)).status);
  await askPanels(prometheus);
});

// surge stays up (--metrics-grace) until the tests are done: Prometheus marks the series of a
// target that stopped answering as stale, and instant queries then find nothing.
after(async () => {
  surge?.kill("SIGKILL");
  await prometheus?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test(
  "a real Prometheus scraped surge during the run; its counters and a latency quantile match --summary-json",
  { timeout: 180_000 },
  async () => {
    assert.ok(summary && prometheus);
    const prom = prometheus;
    assert.equal(values.get("sawRunning"), 1, "Prometheus scraped while the run was running");
    assert.equal(values.get("readyAfterStop"), 503, "/readyz says not ready once the run stopped");
    assert.equal(values.get("healthAfterStop"), 200);
    assert.equal(await prometheus.query(`surge_run_info{run_id="${summary.runId}",scenario="${summary.scenario}"}`), 1);
    assert.equal(await prometheus.query("surge_events_behind_total"), summary.behind);
    const names = Object.keys(summary.topics);
    assert.equal(names.length, 2);
    for (const name of names) {
      const t: TopicSummary | undefined = summary.topics[name];
      assert.ok(t && t.acked > 50, `${name} acked records`);
      const q = async (metric: string): Promise<number> => prom.query(`${metric}{topic="${name}"}`);
      assert.equal(await q("surge_records_generated_total"), t.generated, `${name} generated`);
      assert.equal(await q("surge_records_acked_total"), t.acked, `${name} acked`);
      assert.equal(await q("surge_records_unsent_total"), t.unsent, `${name} unsent`);
      assert.equal(await q("surge_acked_bytes_total"), t.bytes, `${name} bytes`);
      assert.equal(await q("surge_records_in_flight"), 0, `${name} in flight at the end`);
      // One latency sample per acked record: the whole-run histogram holds every one.
      const count = await q("surge_send_ack_latency_seconds_count");
      assert.equal(count, t.acked, `${name} histogram count`);
      // The run's p99 gauge is the summary's p99 (both read surge's HDR histogram).
      const p99 = await prometheus.query(
        `surge_send_ack_latency_percentile_seconds{topic="${name}",window="run",percentile="99"}`,
      );
      near(p99 * 1000, t.latencyMs.p99, `${name} p99 ms`);
      // The buckets agree with it: at most 1 % of samples above the first bound over p99, more
      // than 1 % above the last bound under it.
      const bounds = [
        ...metricsText.matchAll(
          new RegExp(`surge_send_ack_latency_seconds_bucket\\{topic="${name}",le="([0-9.e-]+)"\\}`, "g"),
        ),
      ].map((m) => Number(m[1]));
      const upper = bounds.find((b) => b * 1000 >= t.latencyMs.p99 * 1.002);
      const lower = bounds.findLast((b) => b * 1000 < t.latencyMs.p99 / 1.002);
      if (upper !== undefined)
        assert.ok(
          (await prometheus.query(`surge_send_ack_latency_seconds_bucket{topic="${name}",le="${upper}"}`)) >=
            0.99 * count,
        );
      if (lower !== undefined)
        assert.ok(
          (await prometheus.query(`surge_send_ack_latency_seconds_bucket{topic="${name}",le="${lower}"}`)) <
            0.99 * count,
        );
    }
  },
);

test(
  "HdrHistogram's own Java tool reads the --hdr-log; its percentiles match the summary",
  { timeout: 120_000 },
  async () => {
    assert.ok(summary);
    const jar = (await runTool("bash", ["scripts/hdr/tool.sh"])).trim().split("\n").at(-1) ?? "";
    const tags = await runTool("java", [
      "-Xmx64m",
      "-cp",
      jar,
      "org.HdrHistogram.HistogramLogProcessor",
      "-i",
      hdrLog(),
      "-listtags",
    ]);
    for (const [name, t] of Object.entries(summary.topics)) {
      assert.match(tags, new RegExp(`^${name}\\.latency$`, "m"));
      assert.match(tags, new RegExp(`^${name}\\.lateness$`, "m"));
      const total = async (tag: string): Promise<number[]> => {
        const outFile = join(dir, `${tag}.percentiles`);
        await runTool("java", [
          "-Xmx64m",
          "-cp",
          jar,
          "org.HdrHistogram.HistogramLogProcessor",
          "-i",
          hdrLog(),
          "-tag",
          tag,
          "-outputValueUnitRatio",
          "1000",
          "-o",
          outFile,
        ]);
        const out = await readFile(outFile, "utf8");
        // Last interval line: "T:count ( 50% 90% 99% 99.9% 99.99% Max )", whole run so far.
        const last = [
          ...out.matchAll(/T:(\d+) \(\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+) \)/g),
        ].at(-1);
        assert.ok(last, `no totals in HistogramLogProcessor's output for ${tag}:\n${out}`);
        return last.slice(1).map(Number);
      };
      const [count, p50, p90, p99, p999, , max] = await total(`${name}.latency`);
      assert.equal(count, t.acked, `${name}: one latency per acked record`);
      near(p50 ?? NaN, t.latencyMs.p50, `${name} latency p50`);
      near(p90 ?? NaN, t.latencyMs.p90, `${name} latency p90`);
      near(p99 ?? NaN, t.latencyMs.p99, `${name} latency p99`);
      near(Math.min(p999 ?? NaN, t.latencyMs.max), t.latencyMs.p999, `${name} latency p99.9`);
      near(max ?? NaN, t.latencyMs.max, `${name} latency max`);
      const [, l50, , l99, , , lmax] = await total(`${name}.lateness`);
      near(l50 ?? NaN, t.lateMs.p50, `${name} lateness p50`);
      near(l99 ?? NaN, t.lateMs.p99, `${name} lateness p99`);
      near(lmax ?? NaN, t.lateMs.max, `${name} lateness max`);
    }
  },
);

test("every metric the Grafana dashboard queries is in /metrics, and Prometheus runs each panel's query", async () => {
  const dashboard = JSON.parse(await readFile(join(repoRoot, "deploy/grafana/surge.json"), "utf8")) as {
    panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
  };
  const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => ({ title: p.title, expr: t.expr })));
  const used = new Set(exprs.flatMap(({ expr }) => [...expr.matchAll(/\bsurge_[a-z0-9_]+/g)].map((m) => m[0])));
  assert.ok(used.size >= 15, `the dashboard queries ${used.size} surge metrics`);
  const exposed = new Set([...metricsText.matchAll(/^(?:# TYPE )?(surge_[a-z0-9_]+)/gm)].map((m) => m[1]));
  const missing = [...used].filter((name) => !exposed.has(name));
  assert.deepEqual(missing, [], "metrics the dashboard queries but /metrics lacks");
  // Asked while surge still served (see before): every query parses, most have data.
  assert.equal(panelAnswers.length, exprs.length);
  for (const answer of panelAnswers) assert.equal(answer.error, undefined, `${answer.title}: ${answer.error}`);
  const withData = panelAnswers.filter((a) => a.series > 0).length;
  assert.ok(withData >= exprs.length - 4, `${withData} of ${exprs.length} dashboard queries have data`);
});

test("OpenMetrics for scrapers that ask for it (Prometheus does: the comparisons above went through it)", () => {
  assert.match(openMetrics.type, /^application\/openmetrics-text; version=1\.0\.0/);
  assert.match(openMetrics.text, /^# TYPE surge_records_acked counter$/m);
  assert.match(openMetrics.text, /^surge_records_acked_total\{topic="[^"]+"\} \d+$/m);
  assert.ok(openMetrics.text.endsWith("\n# EOF\n"));
  assert.doesNotMatch(metricsText, /# EOF/);
});

test("promtool check metrics (Prometheus's own linter: format, naming, units) finds nothing in /metrics", async () => {
  assert.match(metricsText, /^surge_records_acked_total\{/m);
  const problems = await runTool("promtool", ["check", "metrics"], metricsText).then(
    () => "",
    (e: unknown) => String(e),
  );
  assert.equal(problems, "");
});

/** Each dashboard query with Grafana's variables filled in as it would: all jobs and topics. */
async function askPanels(prom: Prometheus): Promise<void> {
  const dashboard = JSON.parse(await readFile(join(repoRoot, "deploy/grafana/surge.json"), "utf8")) as {
    panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
  };
  for (const panel of dashboard.panels) {
    for (const { expr } of panel.targets) {
      const promql = expr.replaceAll("$__rate_interval", "1m").replaceAll("$job", ".*").replaceAll("$topic", ".*");
      panelAnswers.push(
        await prom.count(promql).then(
          (series) => ({ title: panel.title, series }),
          (e: unknown) => ({ title: panel.title, series: 0, error: String(e) }),
        ),
      );
    }
  }
}

test(
  "bad --metrics and --hdr-log: one line saying what is wrong, exit 2, before anything runs",
  { timeout: 60_000 },
  async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--metrics", "9464"], /^surge: --metrics: must be HOST:PORT or :PORT, like :9464/],
      [
        ["--hdr-log", join(dir || tmpdir(), "no-such-dir", "run.hlog")],
        /^surge: --hdr-log .*run\.hlog: cannot write there \(no such directory\)$/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = await runSurge(["--dry-run", "--duration", "1s", "--no-tui", ...args]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr.trim(), message);
      assert.equal(result.stderr.trim().split("\n").length, 1, result.stderr);
    }
    const busy = await new Promise<Server>((resolve) => {
      const server = createServer();
      server.listen(0, "127.0.0.1", () => resolve(server));
    });
    const address = busy.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const result = await runSurge(["--dry-run", "--duration", "1s", "--no-tui", "--metrics", `:${port}`]);
    busy.close();
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, new RegExp(`^surge: --metrics 127\\.0\\.0\\.1:${port}: the port is in use`));
  },
);

test(
  "--metrics-grace keeps /metrics up after the run; SIGTERM ends the grace with the run's exit code",
  { timeout: 60_000 },
  async () => {
    const child = spawn(
      surgeBinary,
      ["--dry-run", "--duration", "1s", "--no-tui", "--metrics", "127.0.0.1:0", "--metrics-grace", "5m"],
      { cwd: repoRoot, stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no grace line in:\n${stderr}`)), 30_000);
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
        const found = /(http:\/\/127\.0\.0\.1:\d+)\/metrics stays up 300s more/.exec(stderr);
        if (found?.[1]) {
          clearTimeout(timer);
          resolve(found[1]);
        }
      });
    });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    assert.match(metrics, /^surge_run_state\{state="stopped"\} 1$/m);
    assert.match(metrics, /^surge_records_in_flight\{topic="device-data"\} 0$/m);
    const started = Date.now();
    child.kill("SIGTERM");
    assert.equal(await exited, 0, stderr);
    assert.ok(Date.now() - started < 10_000, "the grace ended at SIGTERM");
  },
);

test("brokers unreachable with --metrics on: exit 1 promptly, nothing left open", { timeout: 60_000 }, async () => {
  const port = await freePort();
  const started = Date.now();
  const result = await runSurge(
    [
      "--brokers",
      `127.0.0.1:${port}`,
      "--connect-timeout",
      "2s",
      "--no-tui",
      "--duration",
      "5s",
      "--metrics",
      "127.0.0.1:0",
      "--metrics-grace",
      "5m",
    ],
    { timeoutMs: 45_000 },
  );
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /cannot connect to Kafka/);
  assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
});
