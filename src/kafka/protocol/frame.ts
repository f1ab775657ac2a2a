/** Request framing (size + request header v1) and response framing (size + correlation id), for tests and raw sockets. */
import { Reader } from "./reader.ts";
import { Writer } from "./writer.ts";

export function frameRequest(
  apiKey: number,
  version: number,
  correlationId: number,
  clientId: string,
  body: Buffer,
): Buffer {
  const idBytes = Buffer.byteLength(clientId);
  const size = 2 + 2 + 4 + 2 + idBytes + body.length;
  const w = new Writer(Buffer.allocUnsafe(4 + size));
  w.int32(size);
  w.int16(apiKey);
  w.int16(version);
  w.int32(correlationId);
  w.string(clientId, idBytes);
  w.bytes(body);
  return w.buf;
}

/** The correlation id and body of one complete response frame. */
export function unframeResponse(frame: Buffer): { correlationId: number; body: Buffer } {
  const r = new Reader(frame);
  const size = r.int32();
  if (size + 4 !== frame.length) throw new RangeError(`response frame says ${size} bytes, has ${frame.length - 4}`);
  return { correlationId: r.int32(), body: frame.subarray(8) };
}
