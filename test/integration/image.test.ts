/**
 * `npm run image` (buildah, FROM scratch) and the image at work: podman runs it against the real
 * local broker and its /healthz, /readyz and /metrics answer from outside the container.
 * podman, buildah and runc come from npm test's set-up (scripts/setup/debian.sh); never skipped.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { ensureBroker, repoRoot } from "../helpers/broker.ts";
import { runTool } from "../helpers/kafka-tools.ts";
import { freePort } from "../helpers/prometheus.ts";
import { uniquePrefix } from "../helpers/surge.ts";

/** The two workarounds this kind of VM needs (see scripts/image/containers.conf). */
const podmanEnv = { ...process.env, CONTAINERS_CONF: join(repoRoot, "scripts/image/containers.conf") };

async function poll(url: string, want: number, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  for (;;) {
    const answer = await fetch(url).then(
      async (r) => ({ status: r.status, body: await r.text() }),
      (e: unknown) => ({ status: 0, body: String(e) }),
    );
    if (answer.status === want) return answer.body;
    last = `${answer.status} ${answer.body.trim()}`;
    if (Date.now() > deadline) throw new Error(`${url}: no ${want} in ${timeoutMs / 1000} s (last: ${last})`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

test(
  "npm run image builds an image FROM scratch; podman runs it against the broker and /healthz answers from outside",
  { timeout: 240_000 },
  async () => {
    const brokers = await ensureBroker();
    const built = await runTool("bash", ["scripts/image/build.sh"]);
    const ref = built.trim().split("\n").at(-1) ?? "";
    assert.match(ref, /^localhost\/surge:\S+$/);
    const files = await runTool("podman", [
      "image",
      "inspect",
      "--format",
      "{{.Os}} {{len .RootFS.Layers}} {{.Config.Entrypoint}}",
      ref,
    ]);
    assert.match(files, /^linux 1 \[\/surge\]/, "one layer, entrypoint /surge");

    const port = await freePort();
    const prefix = uniquePrefix("image");
    const name = `surge-it-${prefix.slice(3, -1)}`;
    const container = spawn(
      "podman",
      [
        "run",
        "--rm",
        "--name",
        name,
        "--network",
        "host",
        ref,
        "--brokers",
        brokers,
        "--rate",
        "200",
        "--duration",
        "90s",
        "--topic-prefix",
        prefix,
        "--metrics",
        `127.0.0.1:${port}`,
      ],
      { env: podmanEnv, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    container.stdout.on("data", (d: Buffer) => (output += d.toString()));
    container.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => container.on("close", resolve));
    try {
      const base = `http://127.0.0.1:${port}`;
      assert.equal((await poll(`${base}/healthz`, 200, 60_000)).trim(), "ok");
      assert.equal((await poll(`${base}/readyz`, 200, 60_000)).trim(), "ready");
      const deadline = Date.now() + 30_000;
      let acked = 0;
      while (acked === 0 && Date.now() < deadline) {
        const metrics = await poll(`${base}/metrics`, 200, 10_000);
        acked = Number(
          new RegExp(`surge_records_acked_total\\{topic="${prefix}device-data"\\} (\\d+)`).exec(metrics)?.[1] ?? 0,
        );
        if (acked === 0) await new Promise((r) => setTimeout(r, 500));
      }
      assert.ok(acked > 0, `records acked by the broker, as the container's /metrics says:\n${output}`);
    } finally {
      // SIGTERM: surge flushes and exits 0, like under an orchestrator.
      await runTool("podman", ["stop", "--time", "20", name]).catch(() => undefined);
    }
    assert.equal(await exited, 0, output);
    assert.match(output, new RegExp(`${prefix}device-data: acked (\\d[\\d,]*)/\\1`));
    await runTool("podman", ["rmi", ref]).catch(() => undefined);
  },
);
