/**
 * Zstandard for Kafka, from the runtime: `node:zlib`'s zstdCompress/zstdDecompress exist in Bun
 * (so in the compiled surge binary) and in Node >= 22.15, and run off the main thread. Node 20
 * has no zstd and we ship no native addon or WASM copy, so there it fails with a clear message.
 * Kafka reads standard zstd frames (zstd-jni); produce v7 / fetch v10, which kafkajs 2.2.4 speaks.
 */
import zlib from "node:zlib";
import type { KafkaCodec } from "./types.ts";

type ZstdFn = (input: Uint8Array, callback: (error: Error | null, result: Buffer) => void) => void;

// @types/node 20 does not declare the zstd functions; look them up at run time.
const runtime = zlib as unknown as { zstdCompress?: ZstdFn; zstdDecompress?: ZstdFn };

const NODE_MAJOR = process.versions.node.split(".")[0];

/** Why zstd cannot be used in this runtime, or undefined when it can. */
export function zstdUnavailableReason(): string | undefined {
  if (typeof runtime.zstdCompress === "function" && typeof runtime.zstdDecompress === "function") return undefined;
  return (
    "zstd compression needs the surge binary (Bun) or Node >= 22.15; " +
    `use --compression gzip|snappy|lz4 under Node ${NODE_MAJOR}`
  );
}

function run(fn: ZstdFn | undefined, input: Buffer): Promise<Buffer> {
  const reason = zstdUnavailableReason();
  if (fn === undefined || reason !== undefined) return Promise.reject(new Error(reason));
  return new Promise((resolve, reject) => {
    fn(input, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

export const zstdCodec: KafkaCodec = {
  compress(encoder) {
    return run(runtime.zstdCompress, encoder.buffer);
  },
  decompress(buffer) {
    return run(runtime.zstdDecompress, buffer);
  },
};
