// Response frames cut out of a byte stream however TCP splits it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { FrameReader } from "../../../../src/kafka/connection/frame-reader.ts";

function frame(body: string): Buffer {
  const b = Buffer.from(body);
  const out = Buffer.alloc(4 + b.length);
  out.writeInt32BE(b.length, 0);
  b.copy(out, 4);
  return out;
}

test("frames come out whole and in order for every way the stream is split", () => {
  const stream = Buffer.concat([frame("alpha"), frame(""), frame("x".repeat(300)), frame("omega")]);
  const expected = ["alpha", "", "x".repeat(300), "omega"];
  for (const step of [1, 2, 3, 4, 5, 7, 64, stream.length]) {
    const got: string[] = [];
    const reader = new FrameReader((f) => got.push(f.toString()));
    for (let at = 0; at < stream.length; at += step) reader.push(stream.subarray(at, at + step));
    assert.deepEqual(got, expected, `chunks of ${step} bytes`);
  }
});

test("reset drops a half-read frame", () => {
  const got: string[] = [];
  const reader = new FrameReader((f) => got.push(f.toString()));
  reader.push(frame("lost").subarray(0, 6));
  reader.reset();
  reader.push(frame("next"));
  assert.deepEqual(got, ["next"]);
});
