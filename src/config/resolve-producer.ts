/** Producer settings: flag > env > scenario `producer:` block > defaults. */
import { DEFAULTS, LIMITS } from "./defaults.ts";
import type { Sources } from "./sources.ts";
import type { ProducerSettings } from "./types.ts";
import { durationValue, textValue, wholeNumber } from "../common/values.ts";
import { acksValue, compressionValue, partitionerValue, sizeValue } from "./values.ts";

export function resolveProducer(src: Sources, fromFile: Partial<ProducerSettings>): ProducerSettings {
  const base: ProducerSettings = { ...DEFAULTS.producer, ...fromFile };
  const idempotent = src.bool("idempotent") ?? base.idempotent;
  const acks = src.get("acks", acksValue);
  // The idempotent producer needs every replica in sync to keep what it acknowledged.
  if (idempotent && acks !== undefined && acks !== -1)
    src.conflict("--idempotent needs --acks all (it implies it): drop --acks or set it to all");
  return {
    acks: idempotent ? -1 : (acks ?? base.acks),
    compression: src.get("compression", compressionValue) ?? base.compression,
    batchSize: src.get("batchSize", sizeValue(LIMITS.batchSize.min, LIMITS.batchSize.max)) ?? base.batchSize,
    lingerMs: src.get("lingerMs", wholeNumber(LIMITS.lingerMs.min, LIMITS.lingerMs.max)) ?? base.lingerMs,
    maxInFlight:
      src.get("maxInFlight", wholeNumber(LIMITS.maxInFlight.min, LIMITS.maxInFlight.max)) ?? base.maxInFlight,
    retries: src.get("retries", wholeNumber(LIMITS.retries.min, LIMITS.retries.max)) ?? base.retries,
    deliveryTimeoutMs:
      src.get(
        "deliveryTimeout",
        durationValue({ minMs: LIMITS.deliveryTimeoutMs.min, maxMs: LIMITS.deliveryTimeoutMs.max }),
      ) ?? base.deliveryTimeoutMs,
    requestTimeoutMs:
      src.get(
        "requestTimeout",
        durationValue({ minMs: LIMITS.requestTimeoutMs.min, maxMs: LIMITS.requestTimeoutMs.max }),
      ) ?? base.requestTimeoutMs,
    idempotent,
    partitioner: src.get("partitioner", partitionerValue) ?? base.partitioner,
    clientId: src.get("clientId", textValue(255)) ?? base.clientId,
  };
}
