/** A real Prometheus (Debian's `prometheus`) scraping one target, and its HTTP query API. */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Prometheus {
  url: string;
  /** The value of an instant query with one result (NaN when there is none). */
  query(promql: string): Promise<number>;
  /** How many series an instant query returns; rejects when Prometheus refuses the query. */
  count(promql: string): Promise<number>;
  stop(): Promise<void>;
}

/** A port nothing listens on right now (Prometheus cannot report the one it picks for :0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts Prometheus scraping `target` ("127.0.0.1:PORT") every second; resolves once it answers. */
export async function startPrometheus(target: string): Promise<Prometheus> {
  try {
    execFileSync("prometheus", ["--version"], { stdio: "ignore" });
  } catch {
    throw new Error("prometheus is not installed: npm run setup installs it (apt-get install prometheus)");
  }
  const dir = await mkdtemp(join(tmpdir(), "surge-prometheus-"));
  const config = join(dir, "prometheus.yml");
  await writeFile(
    config,
    [
      "global:",
      "  scrape_interval: 1s",
      "  scrape_timeout: 1s",
      "scrape_configs:",
      "  - job_name: surge",
      "    static_configs:",
      `      - targets: ["${target}"]`,
      "",
    ].join("\n"),
  );
  const port = await freePort();
  const child = spawn(
    "prometheus",
    [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  child.stderr?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-8000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited (${child.exitCode}):\n${log}`);
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus did not become ready in 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    stop,
    query: async (promql) => {
      const results = await instantQuery(url, promql);
      if (results.length > 1) throw new Error(`prometheus query ${promql}: ${results.length} series, expected one`);
      return results[0] ? Number(results[0].value[1]) : NaN;
    },
    count: async (promql) => (await instantQuery(url, promql)).length,
  };
}

async function instantQuery(url: string, promql: string): Promise<Array<{ value: [number, string] }>> {
  const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await response.json()) as {
    status: string;
    error?: string;
    data?: { result: Array<{ value: [number, string] }> };
  };
  if (body.status !== "success") throw new Error(`prometheus query ${promql}: ${body.error ?? response.status}`);
  return body.data?.result ?? [];
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
