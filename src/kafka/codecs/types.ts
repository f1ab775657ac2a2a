/**
 * The contract kafkajs 2.2.4 expects from a compression codec
 * (node_modules/kafkajs/src/protocol/message/compression/gzip.js):
 * `compress` gets the Encoder holding the encoded records (`encoder.buffer`),
 * `decompress` gets the compressed bytes of one record batch.
 */
export interface KafkaCodec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}
