/**
 * The build-time kafkajs patches (scripts/kafkajs-patches) must not change a byte on the wire.
 * Each patch is applied to the real kafkajs file in node_modules and the result is evaluated as
 * CommonJS in a "patched world" (every kafkajs module loaded through a small loader, so patched
 * modules see each other), then compared with the same modules unpatched on seeded random input.
 * The mutant tests at the end break a patch on purpose to show the comparisons can fail.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire, isBuiltin } from "node:module";
import { dirname, sep } from "node:path";
import { test } from "node:test";
import vm from "node:vm";
import {
  PATCHES,
  checkPatches,
  kafkajsPatches,
  patchSource,
  patchesFor,
} from "../../scripts/kafkajs-patches/index.ts";
import type { KafkajsPatch, PluginBuild } from "../../scripts/kafkajs-patches/index.ts";
import { fileFilter } from "../../scripts/kafkajs-patches/patch.ts";

const require = createRequire(import.meta.url);
const KAFKAJS_DIR = dirname(require.resolve("kafkajs/package.json")) + sep;
const resolve = (module: string): string => require.resolve(module);

type Loaded = Record<string, unknown>;

/** Loads kafkajs modules from node_modules with `patches` applied; a fresh module graph per world. */
class World {
  private readonly cache = new Map<string, { exports: unknown }>();
  constructor(private readonly patches: readonly KafkajsPatch[]) {}

  require<T = Loaded>(specifier: string): T {
    return this.load(resolve(specifier)) as T;
  }

  private load(filename: string): unknown {
    const cached = this.cache.get(filename);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    this.cache.set(filename, module);
    const source = patchSource(filename, readFileSync(filename, "utf8"), this.patches);
    const wrapper = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
      filename,
    }) as (...args: unknown[]) => void;
    const nodeRequire = createRequire(filename);
    const localRequire = (request: string): unknown => {
      if (isBuiltin(request)) return nodeRequire(request);
      const path = nodeRequire.resolve(request);
      return path.startsWith(KAFKAJS_DIR) && path.endsWith(".js") ? this.load(path) : nodeRequire(path);
    };
    wrapper.call(module.exports, module.exports, localRequire, module, filename, dirname(filename));
    return module.exports;
  }
}

const stock = (): World => new World([]);
const patched = (patches: readonly KafkajsPatch[] = PATCHES): World => new World(patches);

/** mulberry32: small seeded PRNG so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  readonly next: () => number;
  constructor(readonly seed: number) {
    this.next = rng(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  bytes(n: number): Buffer {
    const b = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) b[i] = this.int(256);
    return b;
  }
  /** ASCII JSON-ish text, sometimes with 2-, 3- and 4-byte UTF-8 characters and lone surrogates. */
  text(n: number): string {
    const alphabet = this.next() < 0.7 ? ['{"a":1,', "xyz", "0123", '"', ","] : ["a", "é", "€", "😀", "\ud800", "漢字", "\u0000"];
    let s = "";
    while (s.length < n) s += this.pick(alphabet);
    return s;
  }
  /** An integer from one of many magnitudes, both signs, int32 edges included. */
  integer(): number {
    const edges = [0, -0, 1, -1, 63, 64, -64, -65, 127, 128, 8191, 8192, 2 ** 20, 2 ** 27, 2 ** 28, 2 ** 30, 2 ** 31 - 1, -(2 ** 31)];
    if (this.next() < 0.3) return this.pick(edges);
    const magnitude = 2 ** this.int(32);
    const v = Math.floor(this.next() * magnitude);
    return this.next() < 0.5 ? v : -v;
  }
}

const SEEDS = [1, 2, 3, 42, 20240229, 987654321];

/* ------------------------------------------------------------------ the patches and the plugin */

test("kafkajs patches: every patch applies to the installed kafkajs and its filter matches its file", () => {
  checkPatches();
  for (const patch of PATCHES) {
    const path = resolve(patch.module);
    assert.ok(fileFilter(patch.module).test(path), patch.name);
    assert.ok(fileFilter(patch.module).test(path.replaceAll("/", "\\")), `${patch.name}: Windows path`);
    const source = readFileSync(path, "utf8");
    assert.notEqual(patch.apply(source), source, `${patch.name} changes its file`);
  }
  // Filters are precise: no other kafkajs file is touched.
  for (const other of ["kafkajs/src/protocol/decoder.js", "kafkajs/src/protocol/recordBatch/v0/decoder.js", "kafkajs/src/protocol/requests/produce/v2/request.js"]) {
    assert.deepEqual(patchesFor(resolve(other)), [], other);
  }
});

test("kafkajs patches: a source that is not the expected text fails loudly", () => {
  for (const patch of PATCHES) {
    const source = readFileSync(resolve(patch.module), "utf8");
    assert.throws(() => patch.apply(""), /kafkajs patch ".*": expected/, `${patch.name} on an empty file`);
    // Applying twice means the stock text is gone: must throw, not patch again.
    assert.throws(() => patch.apply(patch.apply(source)), /kafkajs patch/, `${patch.name} applied twice`);
    // A one-character drift anywhere in the stock text the patch replaces also throws.
    const patchedText = patch.apply(source);
    let at = 0;
    while (source[at] === patchedText[at]) at++;
    while (/\s/.test(source[at]!)) at++;
    const drifted = source.slice(0, at + 1) + "x" + source.slice(at + 1);
    assert.throws(() => patch.apply(drifted), /kafkajs patch/, `${patch.name} with drifted source`);
  }
  // A patch pointed at another file fails on that file's text (its filter follows its module).
  assert.throws(() => checkPatches([{ ...PATCHES[0]!, module: "kafkajs/src/protocol/decoder.js" }]), /kafkajs patch/);
  assert.throws(() => checkPatches([{ ...PATCHES[0]!, module: "kafkajs/src/protocol/moved.js" }]), /Cannot find/);
});

test("kafkajs patches: the Bun plugin rewrites exactly the patched files", () => {
  const registered: { filter: RegExp; namespace?: string; callback: (args: { path: string }) => { contents: string; loader: string } }[] = [];
  const build: PluginBuild = { onLoad: (options, callback) => registered.push({ ...options, callback }) };
  kafkajsPatches.setup(build);
  assert.equal(kafkajsPatches.name, "kafkajs-patches");
  assert.equal(registered.length, 1);
  const [hook] = registered;
  const files = new Set(PATCHES.map((p) => resolve(p.module)));
  for (const path of files) {
    assert.ok(hook!.filter.test(path), path);
    const result = hook!.callback({ path });
    assert.equal(result.loader, "js");
    assert.equal(result.contents, patchSource(path, readFileSync(path, "utf8")));
    assert.notEqual(result.contents, readFileSync(path, "utf8"));
  }
  assert.ok(!hook!.filter.test(resolve("kafkajs/src/protocol/decoder.js")));
  assert.ok(!hook!.filter.test(resolve("kafkajs/index.js")));
});

test("test loader: the unpatched world is kafkajs itself", async () => {
  const crc = "kafkajs/src/protocol/recordBatch/crc32C/index.js";
  const buf = new Gen(5).bytes(10_000);
  assert.equal(stock().require<Crc>(crc)(buf), (require(crc) as Crc)(buf));
  const produce = "kafkajs/src/protocol/requests/produce/v7/request.js";
  const args = { acks: 1, timeout: 100, topicData: randomTopicData(new Gen(6), false) };
  const [fromWorld, fromRequire] = await withClock(1_700_000_000_000, async () => [
    (await stock().require<ProduceFn>(produce)(args).encode()).buffer,
    (await (require(produce) as ProduceFn)(args).encode()).buffer,
  ]);
  assert.deepEqual(fromWorld, fromRequire);
});

/* ------------------------------------------------------------------------------------ CRC32C */

type Crc = (buffer: Uint8Array | number[]) => number;

function compareCrc(patchedCrc: Crc, stockCrc: Crc): void {
  assert.equal(patchedCrc(Buffer.from("123456789")), 0xe3069283, "CRC32C check value");
  for (const seed of SEEDS) {
    const g = new Gen(seed);
    for (let i = 0; i < 300; i++) {
      const n = i < 40 ? i : g.pick([g.int(64), g.int(2048), g.int(70_000)]);
      const whole = g.bytes(n + 8);
      const start = g.int(8);
      const buf = whole.subarray(start, start + n); // unaligned views too
      assert.equal(patchedCrc(buf), stockCrc(buf), `seed ${seed} case ${i} length ${n} offset ${start}`);
    }
  }
  const big = new Gen(7).bytes(600_000);
  assert.equal(patchedCrc(big), stockCrc(big));
  assert.equal(patchedCrc(new Uint8Array(big)), stockCrc(big), "plain Uint8Array");
  const array = [...new Gen(8).bytes(100)];
  assert.equal(patchedCrc(array), stockCrc(array), "number[] (stock loop)");
}

test("crc32c-slicing: same checksum as stock for random buffers of every length and alignment", () => {
  const file = "kafkajs/src/protocol/recordBatch/crc32C/crc32C.js";
  compareCrc(patched().require<Crc>(file), stock().require<Crc>(file));
  const index = "kafkajs/src/protocol/recordBatch/crc32C/index.js";
  const buf = new Gen(9).bytes(5000);
  assert.equal(patched().require<Crc>(index)(buf), stock().require<Crc>(index)(buf));
});

/* ----------------------------------------------------------------------------------- Encoder */

interface EncoderLike {
  buffer: Buffer;
  offset: number;
  size(): number;
  [method: string]: unknown;
}
type EncoderClass = (new (size?: number) => EncoderLike) & Record<string, (v: unknown) => number>;

type Op = [method: string, arg: unknown];

/** One random sequence of writes, replayed on both Encoder classes. */
function randomOps(g: Gen, Long: { fromValue(v: unknown): unknown }): Op[] {
  return Array.from({ length: g.int(40) }, (): Op => {
    const n = g.integer();
    const big = g.pick([n, n * 1000, 2 ** 40 + n, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]);
    const text = g.next() < 0.2 ? null : g.text(g.int(700));
    const bytes = g.bytes(g.int(1200));
    switch (g.int(14)) {
      case 0: return ["writeVarInt", n];
      case 1: return ["writeUVarInt", n];
      case 2: return ["writeVarLong", n];
      case 3: return ["writeVarLong", big];
      case 4: return ["writeVarLong", Long.fromValue(n)];
      case 5: return ["writeVarLong", String(big)];
      case 6: return ["writeVarIntBytes", g.next() < 0.5 ? text : bytes];
      case 7: return ["writeBytes", text ?? bytes];
      case 8: return ["writeInt64", big];
      case 9: return ["writeString", text];
      case 10: return ["writeUVarIntBytes", bytes];
      case 11: return ["writeInt32", n | 0];
      case 12: return ["writeEncoder", bytes];
      default: return ["writeEncoderArray", g.int(5)];
    }
  });
}

const call = (target: EncoderLike, method: string, arg: unknown): unknown => (target[method] as (v: unknown) => unknown).call(target, arg);

function runOps(E: EncoderClass, ops: Op[]): Buffer {
  const out = new E(1 + (ops.length % 3) * 300);
  for (const [method, arg] of ops) {
    if (method === "writeEncoder") {
      const inner = new E();
      call(inner, "writeVarIntBytes", arg);
      call(out, method, inner);
    } else if (method === "writeEncoderArray") {
      const inners = Array.from({ length: arg as number }, (_, i) => {
        const inner = new E();
        call(inner, "writeVarIntBytes", Buffer.alloc(i * 300, i));
        return inner;
      });
      call(out, method, inners);
    } else {
      call(out, method, arg);
    }
  }
  return out.buffer;
}

function compareEncoders(P: EncoderClass, S: EncoderClass): void {
  const Long = stock().require<{ fromValue(v: unknown): unknown }>("kafkajs/src/utils/long.js");
  for (const seed of SEEDS) {
    const g = new Gen(seed);
    for (let i = 0; i < 150; i++) {
      const ops = randomOps(g, Long);
      assert.deepEqual(runOps(P, ops), runOps(S, ops), `seed ${seed} case ${i}: ${ops.map(([m, a]) => `${m} ${typeof a === "number" ? a : typeof a}`).join(", ")}`);
    }
    for (let i = 0; i < 3000; i++) {
      const n = g.pick([g.integer(), g.integer() * 3, 2 ** 31, -(2 ** 31) - 1, 2 ** 32, 2 ** 53 - 1]);
      assert.equal(P.sizeOfVarLong!(n), S.sizeOfVarLong!(n), `sizeOfVarLong(${n})`);
      assert.equal(P.sizeOfVarInt!(n), S.sizeOfVarInt!(n), `sizeOfVarInt(${n})`);
    }
  }
}

test("encoder patches: random write sequences give the stock bytes; varlong sizes match", () => {
  const file = "kafkajs/src/protocol/encoder.js";
  const P = patched().require<EncoderClass>(file);
  compareEncoders(P, stock().require<EncoderClass>(file));
  // Errors stay errors: a fractional varlong is not an integer for BigInt.
  assert.throws(() => call(new P(), "writeVarLong", 1.5), RangeError);
  assert.throws(() => P.sizeOfVarLong!(1.5), RangeError);
  // Uninitialised capacity never leaks: `buffer` and nested encoders expose [0, offset) only.
  const e = new P(100);
  call(e, "writeInt32", 1);
  assert.equal(e.buffer.length, 4);
});

/* ------------------------------------------------------------------------------------ Record */

type RecordFn = (r: Record<string, unknown>) => EncoderLike;

function randomRecord(g: Gen, Long: { fromValue(v: unknown): unknown }): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const bytes = () => g.pick([() => g.text(g.int(900)), () => g.bytes(g.int(900)), () => null, () => undefined, () => ""])();
  if (g.next() < 0.9) record.key = bytes();
  record.value = bytes();
  if (g.next() < 0.8) record.offsetDelta = g.pick([g.int(1000), g.integer()]);
  if (g.next() < 0.8) {
    record.timestampDelta = g.pick([0, g.int(100_000), g.integer(), 2 ** 40 + g.int(1000), -(2 ** 35), Long.fromValue(g.int(1e6))]);
  }
  if (g.next() < 0.3) {
    record.headers = g.pick([
      {}, { a: "x" }, { trace: g.text(20), multi: ["1", "2"] }, { buf: g.bytes(10) },
      { "surge-run": g.text(20), "surge-device": String(g.int(1e6)), "surge-seq": String(g.integer()), "": g.text(g.int(300)) },
    ]);
  }
  return record;
}

test("record-v0-fast: random records (keys, values, headers, timestamps) encode as stock", () => {
  const file = "kafkajs/src/protocol/recordBatch/record/v0/index.js";
  // With the other patches (the real build) and alone (on a stock Encoder).
  const worlds = [patched().require<RecordFn>(file), patched(PATCHES.filter((p) => p.name === "record-v0-fast")).require<RecordFn>(file)];
  const S = stock().require<RecordFn>(file);
  const Long = stock().require<{ fromValue(v: unknown): unknown }>("kafkajs/src/utils/long.js");
  let fast = 0;
  for (const seed of SEEDS) {
    const g = new Gen(seed);
    for (let i = 0; i < 500; i++) {
      const record = randomRecord(g, Long);
      const stringHeaders = record.headers === undefined ||
        Object.values(record.headers as object).every((v) => typeof v === "string");
      if (stringHeaders && typeof record.timestampDelta !== "object") fast++;
      const want = S({ ...record }).buffer;
      for (const P of worlds) assert.deepEqual(P({ ...record }).buffer, want, `seed ${seed} case ${i}: ${JSON.stringify(record).slice(0, 300)}`);
    }
  }
  assert.ok(fast > 1000, `fast path exercised (${fast})`);
  // Sizes near the encoder's power-of-two capacities.
  for (let n = 490; n < 530; n++) {
    for (const P of worlds) assert.deepEqual(P({ key: "k", value: "v".repeat(n) }).buffer, S({ key: "k", value: "v".repeat(n) }).buffer);
    for (const P of worlds) assert.deepEqual(P({ value: "v".repeat(n + 512) }).buffer, S({ value: "v".repeat(n + 512) }).buffer);
  }
  // Input the stock code rejects is still rejected.
  for (const P of worlds) {
    assert.throws(() => P({ key: 5, value: "x" }), TypeError);
    assert.throws(() => P({ value: "x", headers: null }), TypeError);
  }
});

/* ------------------------------------------------------------------------- Produce requests */

interface ProduceRequest {
  apiKey: number;
  apiVersion: number;
  encode(): Promise<EncoderLike>;
}
type ProduceFn = (args: Record<string, unknown>) => ProduceRequest;
type FrameFn = (args: { correlationId: number; clientId: string | null; request: ProduceRequest }) => Promise<EncoderLike>;
type LongLike = { fromValue(v: unknown): unknown };

const longClass = (): LongLike => stock().require<LongLike>("kafkajs/src/utils/long.js");

function randomMessages(g: Gen, withTimestamps: boolean): Record<string, unknown>[] {
  return Array.from({ length: 1 + g.int(g.pick([3, 40, 400])) }, () => {
    const m: Record<string, unknown> = { key: g.pick([g.text(12), null, g.bytes(8)]), value: g.pick([g.text(g.int(700)), g.bytes(100), null]) };
    if (g.next() < 0.2) m.headers = { h: g.text(5) };
    if (g.next() < 0.1) m.partition = 3; // extra fields kafkajs ignores
    if (withTimestamps && g.next() < 0.5) m.timestamp = g.pick([1_700_000_000_000 + g.int(1e6), String(1_700_000_000_000 + g.int(1e6)), 0]);
    return m;
  });
}

function randomTopicData(g: Gen, withTimestamps: boolean): Record<string, unknown>[] {
  return Array.from({ length: 1 + g.int(3) }, (_, t) => ({
    topic: `topic-${t}-${g.text(5)}`,
    partitions: Array.from({ length: 1 + g.int(4) }, (_, p) => ({
      partition: p * 2 + g.int(2),
      firstSequence: g.int(5),
      messages: randomMessages(g, withTimestamps),
    })),
  }));
}

/** Runs `encode` with Date.now() frozen at `now` (partitionsEncoder stamps batches with it); not reentrant. */
async function withClock<T>(now: number, encode: () => Promise<T>): Promise<T> {
  const realNow = Date.now;
  Date.now = () => now;
  try {
    return await encode();
  } finally {
    Date.now = realNow;
  }
}

/** Whole produce requests, framed by protocol/request.js as the connection sends them. */
async function compareProduce(P: World, S: World, label: string, casesPerSeed = 25): Promise<void> {
  const worlds = [P, S].map((w) => ({
    frame: w.require<FrameFn>("kafkajs/src/protocol/request.js"),
    produce: {
      v3: w.require<ProduceFn>("kafkajs/src/protocol/requests/produce/v3/request.js"),
      v5: w.require<ProduceFn>("kafkajs/src/protocol/requests/produce/v5/request.js"),
      v7: w.require<ProduceFn>("kafkajs/src/protocol/requests/produce/v7/request.js"),
    } as Record<string, ProduceFn>,
  }));
  const Long = longClass();
  for (const seed of SEEDS) {
    const g = new Gen(seed);
    for (let i = 0; i < casesPerSeed; i++) {
      const version = g.pick(["v3", "v5", "v7"]);
      const args = {
        acks: g.pick([1, -1, 0]),
        timeout: 30000,
        compression: g.pick([0, 0, 1]),
        transactionalId: g.pick([undefined, "tx-1", "trañs"]),
        producerId: g.pick([undefined, Long.fromValue(1234567890123)]),
        producerEpoch: g.int(3),
        topicData: randomTopicData(g, g.next() < 0.4),
      };
      const correlationId = g.int(2 ** 31);
      const clientId = g.pick(["surge", null, "clïent-😀"]);
      const now = 1_700_000_000_000 + g.int(1e9);
      const [got, want] = await withClock(now, async () => {
        const out: Buffer[][] = [];
        for (const { frame, produce } of worlds) {
          const framed = await frame({ correlationId, clientId, request: produce[version]!(args) });
          const payload = await produce[version]!(args).encode();
          out.push([framed.buffer, payload.buffer]);
        }
        return out;
      });
      const where = `${label} seed ${seed} case ${i} (${version}, compression ${args.compression})`;
      assert.deepEqual(got![1], want![1], `${where}: payload`);
      assert.deepEqual(got![0], want![0], `${where}: framed request`);
    }
  }
}

test("all patches: whole framed produce requests (v3/v5/v7, gzip, transactional, timestamps or not) encode as stock", async () => {
  await compareProduce(patched(), stock(), "all patches");
  for (const name of ["produce-v3-no-timestamps", "produce-v3-one-buffer", "record-batch-one-buffer", "request-one-buffer"]) {
    await compareProduce(patched(PATCHES.filter((p) => p.name === name)), stock(), `${name} alone`, 6);
  }
});

type RecordBatchFn = (args: Record<string, unknown>) => Promise<EncoderLike>;

test("record-batch-one-buffer: random batches (offsets, epochs, compression, empty) encode as stock", async () => {
  const file = "kafkajs/src/protocol/recordBatch/v0/index.js";
  const P = patched().require<{ RecordBatch: RecordBatchFn; MAGIC_BYTE: number }>(file);
  const S = stock().require<{ RecordBatch: RecordBatchFn; MAGIC_BYTE: number }>(file);
  assert.equal(P.MAGIC_BYTE, S.MAGIC_BYTE);
  const PRecord = patched().require<RecordFn>("kafkajs/src/protocol/recordBatch/record/v0/index.js");
  const SRecord = stock().require<RecordFn>("kafkajs/src/protocol/recordBatch/record/v0/index.js");
  const Long = longClass();
  for (const seed of SEEDS) {
    const g = new Gen(seed);
    for (let i = 0; i < 40; i++) {
      const messages = g.next() < 0.1 ? [] : randomMessages(g, false);
      const args = {
        compression: g.pick([0, 0, 1]),
        firstOffset: g.pick([undefined, Long.fromValue(g.int(1e9)), 0]),
        firstTimestamp: 1_700_000_000_000 + g.int(1e6),
        maxTimestamp: 1_700_000_000_000 + g.int(1e6),
        partitionLeaderEpoch: g.pick([undefined, g.int(100)]),
        lastOffsetDelta: messages.length - 1,
        transactional: g.next() < 0.3,
        producerId: g.pick([undefined, Long.fromValue(987654321)]),
        producerEpoch: g.int(4),
        firstSequence: g.int(100),
      };
      const want = await S.RecordBatch({ ...args, records: messages.map((m, j) => SRecord({ ...m, offsetDelta: j })) });
      const got = await P.RecordBatch({ ...args, records: messages.map((m, j) => PRecord({ ...m, offsetDelta: j })) });
      assert.deepEqual(got.buffer, want.buffer, `seed ${seed} case ${i}`);
      assert.equal(got.size(), want.size());
    }
  }
});

test("request-one-buffer: request framing of random payloads and client ids as stock", async () => {
  const file = "kafkajs/src/protocol/request.js";
  const encoderFile = "kafkajs/src/protocol/encoder.js";
  const worlds = [patched(), stock()].map((w) => ({ frame: w.require<FrameFn>(file), E: w.require<EncoderClass>(encoderFile) }));
  for (const seed of SEEDS) {
    const g = new Gen(seed);
    for (let i = 0; i < 100; i++) {
      const bytes = g.bytes(g.pick([0, g.int(100), g.int(5000), g.int(300_000)]));
      const clientId = g.pick([null, "", "surge", g.text(g.int(40))]);
      const apiKey = g.int(70);
      const apiVersion = g.int(12);
      const correlationId = g.int(2 ** 31);
      const [got, want] = await Promise.all(
        worlds.map(async ({ frame, E }) => {
          const encode = async () => {
            const e = new E();
            call(e, "writeBuffer", bytes);
            return e;
          };
          return (await frame({ correlationId, clientId, request: { apiKey, apiVersion, encode } })).buffer;
        }),
      );
      assert.deepEqual(got, want, `seed ${seed} case ${i}`);
    }
  }
});

/* -------------------------------------------------------------------- groupMessagesPerPartition */

type Group = (args: Record<string, unknown>) => Record<string, unknown[]>;

test("group-messages-linear: same partitions, order and message objects as stock", () => {
  const file = "kafkajs/src/producer/groupMessagesPerPartition.js";
  const P = patched().require<Group>(file);
  const S = stock().require<Group>(file);
  for (const seed of SEEDS) {
    const g = new Gen(seed);
    for (let i = 0; i < 200; i++) {
      const partitions = 1 + g.int(12);
      const messages = Array.from({ length: g.int(600) }, (_, n) => ({ key: `k${n}`, value: "v" }));
      const choice = messages.map(() => g.int(partitions));
      const partitioner = ({ message }: { message: { key: string } }) => choice[Number(message.key.slice(1))];
      const args = { topic: "t", partitionMetadata: Array.from({ length: partitions }, (_, p) => ({ partitionId: p })), messages, partitioner };
      const got = P(args);
      const want = S(args);
      assert.deepEqual(Object.keys(got), Object.keys(want));
      for (const key of Object.keys(want)) {
        assert.equal(got[key]!.length, want[key]!.length);
        got[key]!.forEach((m, j) => assert.equal(m, want[key]![j], "same message object"));
      }
    }
  }
  assert.deepEqual(P({ topic: "t", partitionMetadata: [], messages: [{}], partitioner: () => 0 }), {});
});

/* ----------------------------------------------------------- mutants: the comparisons can fail */

/** A copy of `name` whose output is changed by `mutate` (a text edit of the patched file). */
function mutant(name: string, mutate: (patchedSource: string) => string): KafkajsPatch[] {
  return PATCHES.map((p) => (p.name === name ? { ...p, apply: (source: string) => mutate(p.apply(source)) } : p));
}

const edit = (find: string, replacement: string) => (source: string) => {
  // Not an AssertionError: a stale mutant must fail the test, not pass for the comparison.
  if (!source.includes(find)) throw new Error(`mutant text not found: ${find}`);
  return source.replace(find, replacement);
};

test("mutants: a broken patch is caught by the comparisons above", async () => {
  const crcFile = "kafkajs/src/protocol/recordBatch/crc32C/crc32C.js";
  const badCrc = patched(mutant("crc32c-slicing", edit("T[buffer[i + 15]]", "T1[buffer[i + 15]]"))).require<Crc>(crcFile);
  assert.throws(() => compareCrc(badCrc, stock().require<Crc>(crcFile)), assert.AssertionError);

  const recordFile = "kafkajs/src/protocol/recordBatch/record/v0/index.js";
  const badRecord = patched(mutant("record-v0-fast", edit("encoder.writeVarInt(headerKeys.length)", "encoder.writeVarInt(headerKeys.length + 1)"))).require<RecordFn>(recordFile);
  assert.notDeepEqual(badRecord({ key: "k", value: "v" }).buffer, stock().require<RecordFn>(recordFile)({ key: "k", value: "v" }).buffer);
  const badHeaders = patched(mutant("record-v0-fast", edit("writeBytes(encoder, headerValue, headerLengths[2 * i + 1])", "writeBytes(encoder, headerKey, headerLengths[2 * i])"))).require<RecordFn>(recordFile);
  const withHeaders = { value: "v", headers: { "surge-seq": "12" } };
  // Always taking the ASCII shortcut breaks non-ASCII text: the random records above catch it.
  const alwaysLatin1 = patched(mutant("record-v0-fast", edit("else if (length === bytes.length)", "else if (length > 0)"))).require<RecordFn>(recordFile);
  const euro = { key: "k€", value: "prix 5 €", headers: { "unité": "°C" } };
  assert.notDeepEqual(alwaysLatin1({ ...euro }).buffer, stock().require<RecordFn>(recordFile)({ ...euro }).buffer);
  assert.notDeepEqual(badHeaders({ ...withHeaders }).buffer, stock().require<RecordFn>(recordFile)({ ...withHeaders }).buffer);

  const badProduce = patched(mutant("produce-v3-no-timestamps", edit("timestampDelta: 0,", "timestampDelta: 1,")));
  await assert.rejects(compareProduce(badProduce, stock(), "mutant"), assert.AssertionError);

  const badOneBuffer = patched(mutant("produce-v3-one-buffer", edit("encoder.writeString(topic).writeInt32(encodedPartitions.length)", "encoder.writeString(topic).writeInt32(encodedPartitions.length + 1)")));
  await assert.rejects(compareProduce(badOneBuffer, stock(), "mutant"), assert.AssertionError);

  const badBatch = patched(mutant("record-batch-one-buffer", edit(".writeInt32(end - 12)", ".writeInt32(end - 11)")));
  await assert.rejects(compareProduce(badBatch, stock(), "mutant"), assert.AssertionError);

  const badFrame = patched(mutant("request-one-buffer", edit("request.writeInt32(end - 4)", "request.writeInt32(end)")));
  await assert.rejects(compareProduce(badFrame, stock(), "mutant"), assert.AssertionError);

  const badVarint = patched(mutant("encoder-varint", edit("value >= 0 ? value * 2 : -value * 2 - 1)", "value >= 0 ? value * 2 : -value * 2)")));
  const encoderFile = "kafkajs/src/protocol/encoder.js";
  assert.throws(() => compareEncoders(badVarint.require<EncoderClass>(encoderFile), stock().require<EncoderClass>(encoderFile)), assert.AssertionError);

  // allocUnsafe is only safe while nothing reads past `offset`: a getter that did would be caught.
  const badBuffer = patched(mutant("encoder-alloc-unsafe", edit("return this.buf.slice(0, this.offset)", "return this.buf.slice(0, this.offset + 1)")));
  await assert.rejects(compareProduce(badBuffer, stock(), "mutant"), assert.AssertionError);

  const badCopy = patched(mutant("encoder-copy", edit("v.buf.copy(this.buf, this.offset, 0, v.offset)", "v.buf.copy(this.buf, this.offset, 1, v.offset)")));
  await assert.rejects(compareProduce(badCopy, stock(), "mutant"), assert.AssertionError);

  const groupFile = "kafkajs/src/producer/groupMessagesPerPartition.js";
  const badGroup = patched(mutant("group-messages-linear", edit("current.push(message)", "current.unshift(message)"))).require<Group>(groupFile);
  const messages = [{ key: "a" }, { key: "b" }];
  assert.notDeepEqual(badGroup({ topic: "t", partitionMetadata: [{}], messages, partitioner: () => 0 })["0"], messages);
});
