/**
 * Network partitions (issue 21) on a broker of this test's own: `kafka:fault -- partition` cuts a
 * node's client listeners with nftables rules that heal, kafka:down and the end of a timed cut all
 * remove; surge's producer closes a connection whose request went unanswered, so that records it
 * counted failed during a cut are not written once the network heals, and records that waited
 * out their deadline blame the unreachable leader, not an election. Needs root (as CI runs).
 */
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { connect, Socket } from "node:net";
import { after, before, test } from "node:test";
import kafkajs from "kafkajs";
import { KafkaSink } from "../../src/kafka/kafka-sink.ts";
import { ownBroker, parseListeners, repoRoot } from "../helpers/broker.ts";

const root = process.getuid?.() === 0;
const broker = ownBroker("partition");
let bootstrap = "";
before(async () => {
  if (root) bootstrap = await broker.script("up");
});
after(() => broker.script("down"));

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** "open" when a TCP connection is made within `ms`, "silent" when nothing answers (a cut), else the error. */
function probe(address: string, ms = 1500): Promise<string> {
  const [host, port] = address.split(":");
  return new Promise((resolve) => {
    const socket = connect({ host: host!, port: Number(port) });
    const timer = setTimeout(() => (socket.destroy(), resolve("silent")), ms);
    socket.once("connect", () => (clearTimeout(timer), socket.destroy(), resolve("open")));
    socket.once("error", (e) => (clearTimeout(timer), resolve(e.message)));
  });
}

/** The nftables tables of this test's state dir (each cut node has one). */
function tables(): Promise<string[]> {
  return new Promise((resolve, reject) =>
    execFile("nft", ["list", "tables", "ip"], (error, stdout) =>
      error
        ? reject(error)
        : resolve(
            stdout
              .split("\n")
              .map((l) => l.split(" ")[2] ?? "")
              .filter((t) => t.startsWith("surge_")),
          ),
    ),
  );
}

async function listeners(): Promise<ReturnType<typeof parseListeners>> {
  return new Promise((resolve, reject) =>
    execFile("bash", ["scripts/kafka/listeners.sh"], { cwd: repoRoot, env: broker.env }, (error, stdout) =>
      error ? reject(error) : resolve(parseListeners(stdout)),
    ),
  );
}

test(
  "without root, a partition is refused in one line",
  { skip: !root && "setpriv needs root to switch to another user" },
  async () => {
    const out = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(
        "setpriv",
        [
          "--reuid",
          "65534",
          "--regid",
          "65534",
          "--clear-groups",
          "bash",
          "scripts/kafka/fault.sh",
          "partition",
          "1",
          "client",
        ],
        { cwd: repoRoot, env: broker.env },
      );
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("close", (code) => resolve({ code, stderr }));
    });
    assert.equal(out.code, 1);
    assert.deepEqual(out.stderr.trim().split("\n"), [
      "[kafka] error: network partitions need root (they add nftables rules); run as root, as CI does",
    ]);
  },
);

test(
  "a client cut silences every client listener until heal; the cluster cut leaves clients alone; down removes the rules",
  { skip: !root && "needs root (nftables)", timeout: 120_000 },
  async () => {
    const l = await listeners();
    const clientPorts = [l.PLAINTEXT, l.SASL_PLAINTEXT, l.SSL, l.SASL_SSL, l.MTLS, l.OAUTHBEARER];
    const before = await tables();
    await broker.script("fault", "partition", "1", "client");
    const added = (await tables()).filter((t) => !before.includes(t));
    assert.equal(added.length, 1, `one table for the cut: ${added.join(", ")}`);
    for (const address of clientPorts)
      assert.equal(await probe(address), "silent", `${address} still answers during the cut`);
    await broker.script("fault", "heal", "1");
    assert.deepEqual(await tables(), before, "heal removes exactly its table");
    for (const address of clientPorts) assert.equal(await probe(address), "open");

    // A timed cut heals by itself; one whose script is killed heals too.
    await broker.script("fault", "partition", "1", "client", "2");
    assert.deepEqual(await tables(), before);
    const timed = spawn("bash", ["scripts/kafka/fault.sh", "partition", "1", "both", "300"], {
      cwd: repoRoot,
      env: broker.env,
      stdio: "ignore",
    });
    for (let i = 0; i < 50 && (await tables()).length === before.length; i++) await sleep(100);
    assert.equal((await tables()).length, before.length + 1);
    timed.kill("SIGTERM");
    await new Promise((resolve) => timed.on("close", resolve));
    assert.deepEqual(await tables(), before, "a killed timed cut heals");

    // Cut from the other nodes only (there are none here): clients still get answers.
    await broker.script("fault", "partition", "1", "cluster");
    assert.equal(await probe(l.PLAINTEXT), "open");
    const kafka = new kafkajs.Kafka({
      brokers: [bootstrap],
      logLevel: kafkajs.logLevel.NOTHING,
      retry: { retries: 2 },
    });
    const admin = kafka.admin();
    await admin.connect();
    assert.ok(Array.isArray(await admin.listTopics()));
    await admin.disconnect();
    await broker.script("fault", "partition", "1", "client");
    assert.equal((await tables()).length, before.length + 1, "a new cut of a node replaces its old one");
    await broker.script("down");
    assert.deepEqual(await tables(), before, "kafka:down heals");
    bootstrap = await broker.script("up");
  },
);

test(
  "records failed during a client cut are not written when it heals; waited-out records name the unreachable leader",
  { skip: !root && "needs root (nftables)", timeout: 120_000 },
  async () => {
    const topic = `cut-${Date.now()}`;
    const sink = new KafkaSink({
      brokers: [bootstrap],
      clientId: "surge-partition-test",
      connectionTimeoutMs: 1000,
      requestTimeoutMs: 1500,
      acks: -1,
      compression: "none",
      partitioner: "murmur2",
      partitions: 1,
      retries: 1000,
      deliveryTimeoutMs: 5000,
      idempotent: true,
      replicationFactor: 1,
      connectTimeoutMs: 20_000,
      batchSize: 65_536,
      lingerMs: 0,
    });
    await sink.connect(() => undefined);
    await sink.prepareTopics([topic]);
    const batch = (tag: string): Array<{ key: string; value: string }> =>
      Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: `${tag}-${i}` }));
    assert.deepEqual(await sink.send(topic, batch("before")), [], "acked before the cut");

    await broker.script("fault", "partition", "1", "client");
    try {
      // In flight when the cut came: unanswered, retried, failed at the delivery deadline.
      const inFlight = await sink.send(topic, batch("during"));
      assert.equal(
        inFlight.reduce((n, f) => n + f.indices.length, 0),
        50,
        `all failed: ${JSON.stringify(inFlight)}`,
      );
      // The failed batch reset the producer id, which no broker can give now: these wait and expire.
      const waited = await sink.send(topic, batch("waiting"));
      assert.equal(
        waited.reduce((n, f) => n + f.indices.length, 0),
        50,
      );
      for (const f of waited) {
        assert.match(f.message, new RegExp(`leader 1 of ${topic}-0 unreachable from here`));
        assert.doesNotMatch(f.message, /none elected/);
      }
    } finally {
      await broker.script("fault", "heal", "1");
    }
    // A kept connection would deliver the abandoned request with the kernel's next retransmission.
    await sleep(10_000);
    await sink.close();
    const kafka = new kafkajs.Kafka({
      brokers: [bootstrap],
      logLevel: kafkajs.logLevel.NOTHING,
      retry: { retries: 5 },
    });
    const admin = kafka.admin();
    await admin.connect();
    const stored = (await admin.fetchTopicOffsets(topic)).reduce((n, o) => n + Number(o.high), 0);
    await admin.disconnect();
    assert.equal(stored, 50, "only the records acked before the cut are in Kafka");
  },
);

test(
  "connection attempts that timed out during a cut do not close the connection made after it heals",
  { skip: !root && "needs root (nftables)", timeout: 180_000 },
  async () => {
    const topic = `heal-${Date.now()}`;
    const sink = new KafkaSink({
      brokers: [bootstrap],
      clientId: "surge-partition-test",
      connectionTimeoutMs: 3000,
      requestTimeoutMs: 10_000,
      acks: -1,
      compression: "none",
      partitioner: "murmur2",
      partitions: 1,
      retries: 1000,
      deliveryTimeoutMs: 60_000,
      idempotent: false,
      replicationFactor: 1,
      connectTimeoutMs: 20_000,
      batchSize: 65_536,
      lingerMs: 0,
    });
    const events: Array<{ atMs: number; message: string }> = [];
    sink.onEvent = (message) => events.push({ atMs: Date.now(), message });
    await sink.connect(() => undefined);
    await sink.prepareTopics([topic]);
    const batch = (tag: string): Array<{ key: string; value: string }> =>
      Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: `${tag}-${i}` }));
    // Two senders keep requests in flight all along, as a run does.
    let stop = false;
    let acked = 0;
    let failed = 0;
    const reasons = new Set<string>();
    const sender = async (tag: string): Promise<void> => {
      for (let i = 0; !stop; i++) {
        const failures = await sink.send(topic, batch(`${tag}${i}`));
        if (failures.length > 0) {
          failed += 20;
          reasons.add(failures.map((f) => `${f.code}: ${f.message}`).join("; "));
        } else acked += 20;
        await sleep(5);
      }
    };
    const senders = Promise.all([sender("a"), sender("b")]);
    await sleep(2000);
    await broker.script("fault", "partition", "1", "client");
    // Unanswered requests time out (10 s), their connection is closed, and every new connection
    // attempt times out (3 s) while the cut lasts: their SYNs are retransmitted 7 and 15 s after.
    await sleep(25_000);
    await broker.script("fault", "heal", "1");
    const healedMs = Date.now();
    await sleep(12_000);
    stop = true;
    await senders;
    await sink.close();
    // A socket kafkajs lost track of would keep a finished run's process alive.
    const port = Number(bootstrap.split(":")[1]);
    const left = (process as unknown as { _getActiveHandles(): unknown[] })
      ._getActiveHandles()
      .filter((h): h is Socket => h instanceof Socket && h.remotePort === port && !h.destroyed);
    assert.equal(left.length, 0, "no socket to the broker is left open after close");
    assert.equal(
      failed,
      0,
      `nothing failed (the delivery timeout outlasts the cut): ${[...reasons].join(" | ")}\n${events.map((e) => `${e.atMs - healedMs} ${e.message}`).join("\n")}`,
    );
    const closedAfter = events.filter((e) => e.atMs > healedMs && /CONNECTION_CLOSED|write after end/.test(e.message));
    assert.deepEqual(
      closedAfter.map((e) => e.message),
      [],
      "the connection made after the heal stays up",
    );
    const kafka = new kafkajs.Kafka({
      brokers: [bootstrap],
      logLevel: kafkajs.logLevel.NOTHING,
      retry: { retries: 5 },
    });
    const admin = kafka.admin();
    await admin.connect();
    const stored = (await admin.fetchTopicOffsets(topic)).reduce((n, o) => n + Number(o.high), 0);
    await admin.disconnect();
    assert.ok(stored >= acked, `${stored} stored, ${acked} acked`);
  },
);
