/** Producer settings: flag > env > scenario `producer:` block > defaults. */
import { DEFAULTS, LIMITS } from "./defaults.ts";
import type { Sources } from "./sources.ts";
import type { ProducerSettings } from "./types.ts";
import { acksValue, compressionValue, partitionerValue, sizeValue, textValue, wholeNumber } from "./values.ts";

export function resolveProducer(src: Sources, fromFile: Partial<ProducerSettings>): ProducerSettings {
  const base: ProducerSettings = { ...DEFAULTS.producer, ...fromFile };
  return {
    acks: src.get("acks", acksValue) ?? base.acks,
    compression: src.get("compression", compressionValue) ?? base.compression,
    batchSize: src.get("batchSize", sizeValue(LIMITS.batchSize.min, LIMITS.batchSize.max)) ?? base.batchSize,
    lingerMs: src.get("lingerMs", wholeNumber(LIMITS.lingerMs.min, LIMITS.lingerMs.max)) ?? base.lingerMs,
    maxInFlight: src.get("maxInFlight", wholeNumber(LIMITS.maxInFlight.min, LIMITS.maxInFlight.max)) ?? base.maxInFlight,
    retries: src.get("retries", wholeNumber(LIMITS.retries.min, LIMITS.retries.max)) ?? base.retries,
    partitioner: src.get("partitioner", partitionerValue) ?? base.partitioner,
    clientId: src.get("clientId", textValue(255)) ?? base.clientId,
  };
}
