/**
 * The binary writers' buffer: records handed out as views of a shared slab keep their bytes
 * while later records are written (also when one outgrows its slab in the middle of a nested
 * part), and short text is the same UTF-8 as Buffer writes, with the same length prefixes.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ByteWriter } from "../../../src/formats/byte-writer.ts";

const HEADER = Uint8Array.from([0, 0, 0, 0, 7]);

/** Protobuf-like bytes of record `i`: a nested part of `size` bytes, then a string. */
function writeRecord(w: ByteWriter, i: number, size: number): void {
  w.begin(HEADER);
  w.byte(10);
  const outer = w.fork();
  w.byte(10);
  const inner = w.fork();
  for (let k = 0; k < size; k++) w.byte((i + k) & 127);
  w.ldelim(inner);
  w.ldelim(outer);
  w.byte(18);
  w.string(`record ${i}`);
}

/** The same bytes, made without the writer. */
function expected(i: number, size: number): Buffer {
  const varint = (n: number): number[] => {
    const out: number[] = [];
    while (n > 127) {
      out.push((n & 127) | 128);
      n >>>= 7;
    }
    return [...out, n];
  };
  const body = Array.from({ length: size }, (_, k) => (i + k) & 127);
  const inner = [10, ...varint(size), ...body];
  const text = Buffer.from(`record ${i}`);
  return Buffer.from([...HEADER, 10, ...varint(inner.length), ...inner, 18, ...varint(text.length), ...text]);
}

test("records stay intact as later ones fill and outgrow slabs", () => {
  const w = new ByteWriter();
  const sizes = [3, 200, 20, 5000, 1, 70_000, 17, 16_400, 90];
  const kept: [Buffer, Buffer][] = [];
  for (let i = 0; i < 300; i++) {
    const size = sizes[i % sizes.length] as number;
    writeRecord(w, i, size);
    kept.push([w.end(), expected(i, size)]);
  }
  const slabs = new Set(kept.map(([b]) => b.buffer));
  assert.ok(slabs.size > 10, `records spread over ${slabs.size} slabs`);
  kept.forEach(([got, want], i) => assert.ok(got.equals(want), `record ${i}`));
});

test("short text: the UTF-8 Buffer writes, after Protobuf's and Avro's length", () => {
  const texts = [
    "",
    "plain",
    "°C",
    "café ünïcödé",
    "€".repeat(42),
    "€".repeat(43),
    "x".repeat(127),
    "é".repeat(127),
    "😀 emoji",
    "lone \ud800 high",
    "lone \udc00 low",
    "end \ud83d",
    "ok",
  ];
  for (const s of texts) {
    const utf8 = Buffer.from(s);
    const proto = new ByteWriter();
    proto.begin(HEADER);
    proto.string(s);
    const avro = new ByteWriter();
    avro.begin(HEADER);
    avro.avroString(s);
    const varint = (n: number): number[] => (n < 128 ? [n] : [(n & 127) | 128, n >>> 7]);
    assert.deepEqual(proto.end(), Buffer.from([...HEADER, ...varint(utf8.length), ...utf8]), JSON.stringify(s));
    assert.deepEqual(avro.end(), Buffer.from([...HEADER, ...varint(utf8.length * 2), ...utf8]), JSON.stringify(s));
  }
});

test("a nested part that ends on the slab's last byte moves with its record", () => {
  const w = new ByteWriter();
  writeRecord(w, 0, 3);
  const first = w.end();
  w.begin(HEADER);
  w.byte(10);
  const part = w.fork();
  const size = w.buf.length - w.pos;
  for (let k = 0; k < size; k++) w.byte(k & 127);
  w.ldelim(part);
  const body = Array.from({ length: size }, (_, k) => k & 127);
  const varint = [(size & 127) | 128, (size >>> 7) | 128, size >>> 14];
  assert.ok(w.end().equals(Buffer.from([...HEADER, 10, ...varint, ...body])));
  assert.ok(first.equals(expected(0, 3)));
});
