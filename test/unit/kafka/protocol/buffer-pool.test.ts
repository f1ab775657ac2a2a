// Request buffers come back to the pool only when given back, and are handed out again whole.
import assert from "node:assert/strict";
import { test } from "node:test";
import { BufferPool } from "../../../../src/kafka/protocol/buffer-pool.ts";

test("a buffer is lent out once until given back, then reused for a request that fits", () => {
  const pool = new BufferPool(2);
  const a = pool.take(100_000);
  const b = pool.take(100_000);
  assert.equal(a.length, 100_000);
  assert.notEqual(a.buffer, b.buffer, "two requests in flight never share memory");
  pool.give(a);
  const c = pool.take(120_000);
  assert.equal(c.buffer, a.buffer, "the given-back buffer (131,072 bytes) serves 120,000");
  assert.equal(c.length, 120_000);
  const d = pool.take(200_000);
  assert.notEqual(d.buffer, a.buffer);
});

test("the pool keeps at most `keep` buffers and none larger than `largest`", () => {
  const pool = new BufferPool(1, 1 << 20);
  const big = pool.take(2 << 20);
  pool.give(big);
  assert.notEqual(pool.take(2 << 20).buffer, big.buffer, "a buffer over the limit is not kept");
  const x = pool.take(1000);
  const y = pool.take(1000);
  pool.give(x);
  pool.give(y);
  assert.equal(pool.take(1000).buffer, y.buffer, "only the last one given back is kept");
  assert.notEqual(pool.take(1000).buffer, x.buffer);
});
