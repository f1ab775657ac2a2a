/**
 * recordBatch/record/v0/index.js: a fast path for the records kafkajs' producer builds: int32
 * timestampDelta and offsetDelta, key and value each a string, a Buffer, null or undefined, and
 * headers absent or a plain object of string values (surge's ground-truth headers). Stock code maps headers through flatMap/map/filter, sizes the
 * timestampDelta varlong with BigInt Longs, measures key and value twice and starts a 512 B
 * encoder that a ~500 B value outgrows (realloc + copy). The fast path measures once and writes
 * into one encoder of the right size; the bytes are the stock ones. Anything else goes to the
 * stock function.
 */
import { expectText, replaceExact } from "./patch.ts";
import type { KafkajsPatch } from "./patch.ts";

const STOCK_EXPORT = "module.exports = ({ offsetDelta = 0, timestampDelta = 0, key, value, headers = {} }) => {";
const RENAMED = "const stockRecord = ({ offsetDelta = 0, timestampDelta = 0, key, value, headers = {} }) => {";

const FAST_PATH = `

// patched by surge (record-v0-fast)
const byteLengthOf = bytes =>
  bytes == null ? -1 : typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length

const sizeOfBytes = length => (length < 0 ? 1 : Encoder.sizeOfVarInt(length) + length)

// A string whose UTF-8 length equals its length is ASCII: latin1Write gives the same bytes, ~3x faster.
const writeBytes = (encoder, bytes, length) => {
  encoder.writeVarInt(length)
  if (length <= 0) return
  if (typeof bytes !== 'string') bytes.copy(encoder.buf, encoder.offset)
  else if (length === bytes.length) encoder.buf.latin1Write(bytes, encoder.offset, length)
  else encoder.buf.write(bytes, encoder.offset, length, 'utf8')
  encoder.offset += length
}

// Byte lengths of the current record's header keys and values, measured once for size and write.
let headerLengths = new Int32Array(16)

const isBytes = v => v == null || typeof v === 'string' || Buffer.isBuffer(v)
const isInt32 = v => typeof v === 'number' && (v | 0) === v

const NO_HEADER_KEYS = []

// Header keys when every value is a string; undefined sends the record to the stock code.
const stringHeaderKeys = headers => {
  if (headers === undefined) return NO_HEADER_KEYS
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) return undefined
  const keys = Object.keys(headers)
  for (let i = 0; i < keys.length; i++) if (typeof headers[keys[i]] !== 'string') return undefined
  return keys
}

module.exports = record => {
  const { offsetDelta = 0, timestampDelta = 0, key, value, headers } = record
  const headerKeys = stringHeaderKeys(headers)
  if (headerKeys === undefined || !isInt32(offsetDelta) || !isInt32(timestampDelta) || !isBytes(key) || !isBytes(value)) {
    return stockRecord(record)
  }
  const keyLength = byteLengthOf(key)
  const valueLength = byteLengthOf(value)
  let sizeOfHeaders = Encoder.sizeOfVarInt(headerKeys.length) // header count
  if (headerLengths.length < headerKeys.length * 2) headerLengths = new Int32Array(headerKeys.length * 2)
  for (let i = 0; i < headerKeys.length; i++) {
    const keyBytes = Buffer.byteLength(headerKeys[i])
    const valueBytes = Buffer.byteLength(headers[headerKeys[i]])
    headerLengths[2 * i] = keyBytes
    headerLengths[2 * i + 1] = valueBytes
    sizeOfHeaders += sizeOfBytes(keyBytes) + sizeOfBytes(valueBytes)
  }
  const sizeOfBody =
    1 + // attributes
    Encoder.sizeOfVarLong(timestampDelta) +
    Encoder.sizeOfVarInt(offsetDelta) +
    sizeOfBytes(keyLength) +
    sizeOfBytes(valueLength) +
    sizeOfHeaders
  // + 4: every varint write asks for 5 free bytes, even the last one-byte header count
  const encoder = new Encoder(Encoder.sizeOfVarInt(sizeOfBody) + sizeOfBody + 4)
  encoder.writeVarInt(sizeOfBody).writeInt8(0).writeVarLong(timestampDelta).writeVarInt(offsetDelta)
  writeBytes(encoder, key, keyLength)
  writeBytes(encoder, value, valueLength)
  encoder.writeVarInt(headerKeys.length)
  for (let i = 0; i < headerKeys.length; i++) {
    const headerKey = headerKeys[i]
    const headerValue = headers[headerKey]
    writeBytes(encoder, headerKey, headerLengths[2 * i])
    writeBytes(encoder, headerValue, headerLengths[2 * i + 1])
  }
  return encoder
}
`;

export const recordV0Fast: KafkajsPatch = {
  name: "record-v0-fast",
  module: "kafkajs/src/protocol/recordBatch/record/v0/index.js",
  apply(source) {
    const out = replaceExact(this.name, source, STOCK_EXPORT, RENAMED);
    // The fast path writes what this stock body writes for empty headers; make sure it still does.
    expectText(
      this.name,
      out,
      `  return new Encoder()
    .writeVarInt(sizeOfBody)
    .writeInt8(0) // no used record attributes at the moment
    .writeVarLong(timestampDelta)
    .writeVarInt(offsetDelta)
    .writeVarIntBytes(key)
    .writeVarIntBytes(value)
    .writeVarIntArray(headersArray.map(Header))`,
    );
    return out + FAST_PATH;
  },
};
