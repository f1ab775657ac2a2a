/** InitProducerId v1 (non-transactional): the idempotent producer's id and epoch. */
import { Reader } from "./reader.ts";
import { Writer } from "./writer.ts";

export const INIT_PRODUCER_ID_API_KEY = 22;
export const INIT_PRODUCER_ID_VERSION = 1;

export interface ProducerIdAnswer {
  errorCode: number;
  producerId: bigint;
  producerEpoch: number;
}

export function encodeInitProducerId(transactionTimeoutMs = 60_000): Buffer {
  const w = new Writer(Buffer.allocUnsafe(2 + 4));
  w.int16(-1); // transactional id: null
  w.int32(transactionTimeoutMs);
  return w.buf;
}

export function decodeInitProducerIdResponse(body: Buffer): ProducerIdAnswer {
  const r = new Reader(body);
  r.int32(); // throttle time
  const errorCode = r.int16();
  const producerId = r.int64();
  const producerEpoch = r.int16();
  return { errorCode, producerId, producerEpoch };
}
