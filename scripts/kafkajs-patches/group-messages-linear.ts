/**
 * producer/groupMessagesPerPartition.js: stock code rebuilds the partition's array for every
 * message (`[...current, message]`), quadratic in the batch: ~170 messages per partition copy
 * ~14,000 array slots (~5 % of the producer's CPU at 256 KB batches). Appending in place gives
 * the same partitions, in the same key order, holding the same messages in the same order.
 */
import { replaceExact } from "./patch.ts";
import type { KafkajsPatch } from "./patch.ts";

const STOCK = `  return messages.reduce((result, message) => {
    const partition = partitioner({ topic, partitionMetadata, message })
    const current = result[partition] || []
    return Object.assign(result, { [partition]: [...current, message] })
  }, {})`;

const PATCHED = `  // patched by surge (group-messages-linear)
  return messages.reduce((result, message) => {
    const partition = partitioner({ topic, partitionMetadata, message })
    const current = result[partition]
    if (current) current.push(message)
    else result[partition] = [message]
    return result
  }, {})`;

export const groupMessagesLinear: KafkajsPatch = {
  name: "group-messages-linear",
  module: "kafkajs/src/producer/groupMessagesPerPartition.js",
  apply(source) {
    return replaceExact(this.name, source, STOCK, PATCHED);
  },
};
