/**
 * requests/produce/v3/request.js (produce v3-v7 all use it): when no message carries a
 * timestamp (surge never sets one), skip the per-partition map/filter/sort of timestamps and the
 * `{ ...message }` spread per record: each record gets the message's key, value and headers,
 * offsetDelta i and timestampDelta 0, which is what stock computes ((undefined || now) - now),
 * and the batch's first and max timestamps are now, as in stock. Messages with timestamps take
 * the stock code unchanged. (Messages are plain objects: kafkajs' API and surge pass
 * `{ key, value, headers? }` literals; stock reads only their own enumerable fields.)
 */
import { replaceExact } from "./patch.ts";
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
  const noTimestamps = messages.every(m => m.timestamp == null)
  const messageTimestamps = noTimestamps
    ? []
    : messages
        .map(m => m.timestamp)
        .filter(timestamp => timestamp != null)
        .sort()

  const timestamps = messageTimestamps.length === 0 ? [dateNow] : messageTimestamps
  const firstTimestamp = timestamps[0]
  const maxTimestamp = timestamps[timestamps.length - 1]

  const records = noTimestamps
    ? messages.map((message, i) =>
        Record({
          key: message.key,
          value: message.value,
          headers: message.headers,
          offsetDelta: i,
          timestampDelta: 0,
        })
      )
    : messages.map((message, i) =>
        Record({
          ...message,
          offsetDelta: i,
          timestampDelta: (message.timestamp || dateNow) - firstTimestamp,
        })
      )
`;

export const produceV3NoTimestamps: KafkajsPatch = {
  name: "produce-v3-no-timestamps",
  module: "kafkajs/src/protocol/requests/produce/v3/request.js",
  apply(source) {
    return replaceExact(this.name, source, STOCK, PATCHED);
  },
};
