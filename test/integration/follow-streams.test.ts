/**
 * --e2e --follow through a real Kafka Streams job (Apache Kafka's own PipeDemo from
 * kafka-streams-examples, started by scripts/pipelines/streams-pipe.sh): everything acked comes
 * out (matched = acked), the pipeline adds latency (p50 send→out above p50 send→ack), and a
 * pipeline frozen with SIGSTOP for 5 s shows as a ~5 s step in the followed latency while
 * send→ack stays flat.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import kafkajs from "kafkajs";
import { ensureBroker, repoRoot } from "../helpers/broker.ts";
import { startStreamsPipe, type Pipeline, waitForFlow } from "../helpers/pipelines.ts";
import { runSurge, startSurge } from "../helpers/surge.ts";

const IN = "streams-plaintext-input";
const OUT = "streams-pipe-output";

interface Stats {
  count: number;
  p50: number;
  p99: number;
  max: number;
  negative: number;
}
interface Summary {
  topics: Record<string, { acked: number; latencyMs: { p50: number; p99: number; max: number } }>;
  e2e: {
    topics: Record<string, { read: number; sampled: number; sendToReadableMs: Stats }>;
    follows: Record<
      string,
      {
        expected: number;
        matched: number;
        neverOut: number;
        notYetOut: number;
        duplicated: number;
        sendToOutMs: Stats;
        intendedToOutMs: Stats;
      }
    >;
  };
}

let brokers = "";
let pipe: Pipeline | undefined;
let dir = "";
let scenario = "";

before(
  async () => {
    brokers = await ensureBroker();
    // PipeDemo's topics exist before it starts (surge's read-back starts at the output's end).
    const kafka = new kafkajs.Kafka({ brokers: [brokers], logLevel: kafkajs.logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const existing = await admin.listTopics();
    await admin.createTopics({
      topics: [IN, OUT].filter((t) => !existing.includes(t)).map((topic) => ({ topic, numPartitions: 3 })),
    });
    await admin.disconnect();
    dir = await mkdtemp(join(tmpdir(), "surge-follow-"));
    // The cameras scenario, writing PipeDemo's input topic.
    const cameras = await readFile(join(repoRoot, "configs/cameras.yaml"), "utf8");
    scenario = join(dir, "pipe.yaml");
    await writeFile(scenario, cameras.replace(/^ {2}events: events\b.*$/m, `  events: ${IN}`));
    pipe = await startStreamsPipe(brokers);
    await waitForFlow(brokers, IN, OUT);
  },
  { timeout: 240_000 },
);

after(async () => {
  await pipe?.stop();
});

async function follow(args: string[], name: string): Promise<Summary> {
  const summary = join(dir, `${name}.json`);
  const r = await runSurge(
    [
      "--brokers",
      brokers,
      "--scenario",
      scenario,
      "--no-tui",
      "--e2e",
      "--follow",
      OUT,
      "--summary-json",
      summary,
      ...args,
    ],
    { timeoutMs: 180_000 },
  );
  assert.equal(r.code, 0, r.stderr + r.stdout);
  return JSON.parse(await readFile(summary, "utf8")) as Summary;
}

test(
  "through PipeDemo: matched = acked, and the pipeline's p50 lies above send→ack's",
  { timeout: 240_000 },
  async () => {
    // A generous grace: PipeDemo's consumer may still be joining its group when the run starts.
    const s = await follow(["--rate", "200", "--duration", "8s", "--follow-grace", "60s"], "plain");
    const acked = s.topics[IN]?.acked ?? 0;
    const f = s.e2e.follows[OUT];
    assert.ok(acked > 800, `acked ${acked}`);
    assert.ok(f, "no follow in the summary");
    assert.equal(f.expected, acked, "every acked record was read back from the input");
    assert.equal(f.matched, acked, "every acked record came out of the pipeline");
    assert.equal(f.neverOut + f.notYetOut + f.duplicated, 0);
    assert.equal(s.e2e.topics[IN]?.sampled, acked);
    assert.ok(
      f.sendToOutMs.p50 > (s.topics[IN]?.latencyMs.p50 ?? Infinity),
      `send→out p50 ${f.sendToOutMs.p50} ms, send→ack p50 ${s.topics[IN]?.latencyMs.p50} ms`,
    );
    assert.ok(
      f.sendToOutMs.p50 >= (s.e2e.topics[IN]?.sendToReadableMs.p50 ?? Infinity) * 0.9,
      "out comes after readable",
    );
    assert.equal(f.sendToOutMs.negative, 0, "one clock: no negative latency");
  },
);

test("PipeDemo frozen 5 s (SIGSTOP): a ~5 s step in send→out, send→ack flat", { timeout: 240_000 }, async () => {
  const summary = join(dir, "frozen.json");
  const hlog = join(dir, "frozen.hlog");
  const live = startSurge([
    "--brokers",
    brokers,
    "--scenario",
    scenario,
    "--no-tui",
    "--follow",
    OUT,
    "--rate",
    "200",
    "--duration",
    "16s",
    "--follow-grace",
    "60s",
    "--summary-json",
    summary,
    "--hdr-log",
    hlog,
  ]);
  await live.waitFor(/\[\s*4\.\d+s\]/, 60_000);
  process.kill(pipe!.pid, "SIGSTOP");
  await new Promise((r) => setTimeout(r, 5000));
  process.kill(pipe!.pid, "SIGCONT");
  const r = await live.done;
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const s = JSON.parse(await readFile(summary, "utf8")) as Summary;
  const f = s.e2e.follows[OUT]!;
  const ack = s.topics[IN]!.latencyMs;
  assert.equal(f.matched, s.topics[IN]!.acked, "nothing lost while frozen");
  assert.ok(f.sendToOutMs.max >= 4500, `send→out max ${f.sendToOutMs.max} ms: no step`);
  assert.ok(f.sendToOutMs.max < 15_000, `send→out max ${f.sendToOutMs.max} ms`);
  assert.ok(
    ack.max < f.sendToOutMs.max / 2,
    `send→ack max ${ack.max} ms did not stay flat (send→out max ${f.sendToOutMs.max})`,
  );
  // The interval log has the step too: an interval whose follow max is ≥ 4.5 s.
  const maxima = (await readFile(hlog, "utf8"))
    .split("\n")
    .filter((l) => l.startsWith(`Tag=${OUT}.follow,`))
    .map((l) => Number(l.split(",")[3]));
  assert.ok(
    maxima.some((m) => m >= 4500),
    `interval maxima ${maxima.join(" ")}`,
  );
  assert.ok(
    maxima.some((m) => m < 2000),
    `interval maxima ${maxima.join(" ")}: never flat`,
  );
});

test(
  "--match $.event_id: matched by a field surge generated (cameras' unique event ids)",
  { timeout: 240_000 },
  async () => {
    const s = await follow(
      ["--rate", "100", "--duration", "5s", "--follow-grace", "60s", "--match", "$.event_id", "--e2e-sample", "50%"],
      "match",
    );
    const f = s.e2e.follows[OUT];
    const acked = s.topics[IN]?.acked ?? 0;
    assert.ok(f, "no follow in the summary");
    assert.ok(acked > 200, `acked ${acked}`);
    // Every other record is stamped: exactly half of what was acked is expected, and all of it came out.
    assert.ok(
      f.expected === Math.floor(acked / 2) || f.expected === Math.ceil(acked / 2),
      `expected ${f.expected} of ${acked} acked`,
    );
    assert.equal(f.matched, f.expected);
    assert.equal(f.neverOut + f.duplicated, 0);
  },
);
