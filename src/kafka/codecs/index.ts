/**
 * Compression codecs for kafkajs that work inside a `bun build --compile` binary (no native
 * addons): gzip is built into kafkajs; snappy and lz4 are pure JS; zstd comes from the runtime.
 */
import kafkajs from "kafkajs";
import type { Compression } from "../../config/types.ts";
import { lz4Codec } from "./lz4.ts";
import { snappyCodec } from "./snappy.ts";
import { zstdCodec, zstdUnavailableReason } from "./zstd.ts";

const { CompressionTypes, CompressionCodecs } = kafkajs;

let registered = false;

/** Registers snappy, lz4 and zstd with kafkajs (process-wide). Safe to call more than once. */
export function registerCodecs(): void {
  if (registered) return;
  CompressionCodecs[CompressionTypes.Snappy] = () => snappyCodec;
  CompressionCodecs[CompressionTypes.LZ4] = () => lz4Codec;
  CompressionCodecs[CompressionTypes.ZSTD] = () => zstdCodec;
  registered = true;
}

/** undefined when `name` can be used in this runtime, otherwise the reason to show the user. */
export function codecAvailable(name: Compression): string | undefined {
  return name === "zstd" ? zstdUnavailableReason() : undefined;
}
