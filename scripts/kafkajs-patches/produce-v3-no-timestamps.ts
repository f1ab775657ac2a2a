/**
 * requests/produce/v3/request.js (produce v3-v7 all use it): when no message carries a
 * timestamp (surge never sets one), skip the per-partition map/filter/sort of timestamps and the
 * `{ ...message }` spread per record: each record is built from the message's key, value and
 * headers with timestampDelta 0, which is what stock computes ((undefined || now) - now).
 * Messages with timestamps take the stock code unchanged.
 */
import { expectText, replaceExact } from "./patch.ts";
import type { KafkajsPatch } from "./patch.ts";

const STOCK = `  const dateNow = Date.now()
  const messageTimestamps = messages
    .map(m => m.timestamp)
    .filter(timestamp => timestamp != null)
    .sort()

  const timestamps = messageTimestamps.length === 0 ? [dateNow] : messageTimestamps
  const firstTimestamp = timestamps[0]
  const maxTimestamp = timestamps[timestamps.length - 1]

  const records = messages.map((message, i) =>
    Record({
      ...message,
      offsetDelta: i,
      timestampDelta: (message.timestamp || dateNow) - firstTimestamp,
    })
  )
`;

const PATCHED = `  const dateNow = Date.now()
  // patched by surge (produce-v3-no-timestamps)
  if (messages.every(m => m.timestamp == null)) {
    return encodePartition({
      partition,
      compression,
      records: messages.map((message, i) =>
        Record({
          key: message.key,
          value: message.value,
          headers: message.headers,
          offsetDelta: i,
          timestampDelta: 0,
        })
      ),
      firstTimestamp: dateNow,
      maxTimestamp: dateNow,
      producerId,
      producerEpoch,
      firstSequence,
      transactionalId,
    })
  }
  const messageTimestamps = messages
    .map(m => m.timestamp)
    .filter(timestamp => timestamp != null)
    .sort()

  const timestamps = messageTimestamps.length === 0 ? [dateNow] : messageTimestamps
  const firstTimestamp = timestamps[0]
  const maxTimestamp = timestamps[timestamps.length - 1]

  const records = messages.map((message, i) =>
    Record({
      ...message,
      offsetDelta: i,
      timestampDelta: (message.timestamp || dateNow) - firstTimestamp,
    })
  )
`;

const STOCK_TAIL = `  const recordBatch = await RecordBatch({
    compression,
    records,
    firstTimestamp,
    maxTimestamp,
    producerId,
    producerEpoch,
    firstSequence,
    transactional: !!transactionalId,
    lastOffsetDelta: records.length - 1,
  })

  return new Encoder()
    .writeInt32(partition)
    .writeInt32(recordBatch.size())
    .writeEncoder(recordBatch)
}
`;

// The stock tail, as a function both paths share (byte for byte the same statements).
const ENCODE_PARTITION = `
// patched by surge (produce-v3-no-timestamps)
const encodePartition = async ({
  partition,
  compression,
  records,
  firstTimestamp,
  maxTimestamp,
  producerId,
  producerEpoch,
  firstSequence,
  transactionalId,
}) => {
${STOCK_TAIL}`;

export const produceV3NoTimestamps: KafkajsPatch = {
  name: "produce-v3-no-timestamps",
  module: "kafkajs/src/protocol/requests/produce/v3/request.js",
  file: /kafkajs[\\/]src[\\/]protocol[\\/]requests[\\/]produce[\\/]v3[\\/]request\.js$/,
  apply(source) {
    const out = replaceExact(this.name, source, STOCK, PATCHED);
    expectText(this.name, out, STOCK_TAIL);
    return out + ENCODE_PARTITION;
  },
};
