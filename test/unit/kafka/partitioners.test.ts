// surge's murmur2 partitioner against Kafka's own test vectors and kafkajs's Java-compatible one.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createRequire } from "node:module";
import { murmur2, partitioners } from "../../../src/kafka/partitioners.ts";

const require = createRequire(import.meta.url);
// Test-only: kafkajs's DefaultPartitioner hash, a port of the Java client's Utils.murmur2.
const kafkajsMurmur2 = require("kafkajs/src/producer/partitioners/default/murmur2.js") as (key: string) => number;

test("murmur2 gives the values of Kafka's UtilsTest", () => {
  // clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java, testMurmur2.
  const cases: Array<[string, number]> = [
    ["21", -973932308],
    ["foobar", -790332482],
    ["a-little-bit-long-string", -985981536],
    ["a-little-bit-longer-string", -1486304829],
    ["lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971],
    ["abc", 479470107],
  ];
  for (const [key, hash] of cases) assert.equal(murmur2(key), hash, key);
});

test("murmur2 agrees with kafkajs's on every key length, ASCII and not", () => {
  let s = 7;
  const next = (): number => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  for (let n = 0; n < 3000; n++) {
    let key = "";
    const length = n % 40;
    for (let i = 0; i < length; i++)
      key += next() % 11 === 0 ? "é°☃😀"[next() % 4] : String.fromCharCode(32 + (next() % 95));
    assert.equal(murmur2(key), kafkajsMurmur2(key), JSON.stringify(key));
  }
});

test("the murmur2 partitioner puts a key where the Java client does", () => {
  const pick = partitioners.murmur2();
  // toPositive(murmur2("foobar")) % 7, worked by hand: -790332482 & 0x7fffffff = 1357151166.
  assert.equal(pick("foobar", 7), 1357151166 % 7);
  // murmur2("21") = -973932308 (Kafka's vector above): 1173551340 % 11 = 5.
  assert.equal(pick("21", 11), 5);
});

test("round-robin cycles through the partitions; fnv1a is FNV-1a 32-bit", () => {
  const rr = partitioners["round-robin"]();
  assert.deepEqual(
    [0, 1, 2, 3, 4].map(() => rr("k", 3)),
    [0, 1, 2, 0, 1],
  );
  // FNV-1a 32-bit's published vectors: "a" = 0xe40c292c, "foobar" = 0xbf9cf968.
  const fnv = partitioners.fnv1a();
  assert.equal(fnv("a", 11), 7); // 0xe40c292c % 11
  assert.equal(fnv("foobar", 11), 9); // 0xbf9cf968 % 11
});
