/**
 * protocol/request.js (framing of every request): stock code copies the encoded request into a
 * second encoder behind the request header, then into a third behind the size: two extra
 * copies of every produce request. Now the header and the payload go into one encoder after a
 * 4-byte gap, and the size (the same number: bytes after it) is written into the gap last.
 */
import { replaceExact } from "./patch.ts";
import type { KafkajsPatch } from "./patch.ts";

const STOCK = `  const requestPayload = new Encoder()
    .writeInt16(apiKey)
    .writeInt16(apiVersion)
    .writeInt32(correlationId)
    .writeString(clientId)
    .writeEncoder(payload)

  return new Encoder().writeInt32(requestPayload.size()).writeEncoder(requestPayload)
}`;

const PATCHED = `  // patched by surge (request-one-buffer): size gap, header, payload; then the size
  const request = new Encoder()
  request.offset = 4
  request
    .writeInt16(apiKey)
    .writeInt16(apiVersion)
    .writeInt32(correlationId)
    .writeString(clientId)
    .writeEncoder(payload)
  const end = request.offset
  request.offset = 0
  request.writeInt32(end - 4)
  request.offset = end
  return request
}`;

export const requestOneBuffer: KafkajsPatch = {
  name: "request-one-buffer",
  module: "kafkajs/src/protocol/request.js",
  apply(source) {
    return replaceExact(this.name, source, STOCK, PATCHED);
  },
};
