import assert from "node:assert/strict";
import { test } from "node:test";
import { confluentHeader, messageIndexBytes, readHeader, zigzagVarint } from "../../../src/formats/wire.ts";

test("zigzag varints as Protobuf's sint32", () => {
  assert.deepEqual(zigzagVarint(0), [0]);
  assert.deepEqual(zigzagVarint(1), [2]);
  assert.deepEqual(zigzagVarint(-1), [1]);
  assert.deepEqual(zigzagVarint(63), [126]);
  assert.deepEqual(zigzagVarint(64), [0x80, 0x01]);
  assert.deepEqual(zigzagVarint(300), [0xd8, 0x04]);
});

test("message indexes: [0] is the single byte 0, else count then indexes", () => {
  assert.deepEqual(messageIndexBytes([0]), [0]);
  assert.deepEqual(messageIndexBytes([1]), [2, 2]);
  assert.deepEqual(messageIndexBytes([0, 2]), [4, 0, 4]);
  assert.deepEqual(messageIndexBytes([70]), [2, 0x8c, 0x01]);
});

test("Confluent header: magic 0, big-endian id, then the indexes", () => {
  assert.deepEqual([...confluentHeader(7)], [0, 0, 0, 0, 7]);
  assert.deepEqual([...confluentHeader(0x01020304, [0])], [0, 1, 2, 3, 4, 0]);
  assert.deepEqual([...confluentHeader(258, [1, 3])], [0, 0, 0, 1, 2, 4, 2, 6]);
});

test("headers read back, and bad ones are refused", () => {
  const bytes = Buffer.concat([confluentHeader(258, [1, 3]), Buffer.from([9, 9])]);
  assert.deepEqual(readHeader(bytes, true), { schemaId: 258, indexes: [1, 3], body: 8 });
  assert.deepEqual(readHeader(Buffer.concat([confluentHeader(5, [0]), Buffer.from([1])]), true), {
    schemaId: 5,
    indexes: [0],
    body: 6,
  });
  assert.deepEqual(readHeader(Buffer.from([0, 0, 0, 0, 9, 1]), false), { schemaId: 9, body: 5 });
  assert.throws(() => readHeader(Buffer.from([1, 0, 0, 0, 9]), false), /magic byte 1/);
  assert.throws(() => readHeader(Buffer.from([0, 0, 0]), false), /shorter than/);
});
