/**
 * Writes Kafka's primitive types into a Buffer sized beforehand (the caller computes every length
 * first, so nothing grows or copies on the way). Varints are zigzag-encoded, as in record batch v2.
 */
export class Writer {
  pos = 0;

  constructor(readonly buf: Buffer) {}

  int8(v: number): void {
    this.buf[this.pos++] = v & 0xff;
  }

  int16(v: number): void {
    this.buf.writeInt16BE(v, this.pos);
    this.pos += 2;
  }

  int32(v: number): void {
    this.buf.writeInt32BE(v, this.pos);
    this.pos += 4;
  }

  uint32(v: number): void {
    this.buf.writeUInt32BE(v, this.pos);
    this.pos += 4;
  }

  /** A 64-bit integer given as a safe JS number (offsets, timestamps) or a bigint (producer ids). */
  int64(v: number | bigint): void {
    this.buf.writeBigInt64BE(typeof v === "bigint" ? v : BigInt(v), this.pos);
    this.pos += 8;
  }

  /** An int16-length string (null: length -1); `bytes` is its UTF-8 length, computed by the caller. */
  string(s: string | null, bytes = s === null ? -1 : Buffer.byteLength(s)): void {
    this.int16(bytes);
    if (s !== null) this.utf8(s, bytes);
  }

  utf8(s: string, bytes: number): void {
    // One-byte text (the usual key) is copied byte by byte: cheaper than the encoder for a few chars.
    if (bytes === s.length && bytes < SHORT) {
      for (let i = 0; i < bytes; i++) this.buf[this.pos + i] = s.charCodeAt(i);
    } else {
      // ASCII (as many bytes as characters) is the same in Latin-1, which is a plain copy in Bun
      // and V8 where UTF-8 transcodes.
      this.buf.write(s, this.pos, bytes, bytes === s.length ? "latin1" : "utf8");
    }
    this.pos += bytes;
  }

  /** A few bytes (a header name): a loop is cheaper than the native copy at this size. */
  small(b: Uint8Array): void {
    const buf = this.buf;
    const at = this.pos;
    for (let i = 0; i < b.length; i++) buf[at + i] = b[i]!;
    this.pos = at + b.length;
  }

  bytes(b: Uint8Array): void {
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  varint(v: number): void {
    let z = ((v << 1) ^ (v >> 31)) >>> 0;
    while (z >= 0x80) {
      this.buf[this.pos++] = (z & 0x7f) | 0x80;
      z >>>= 7;
    }
    this.buf[this.pos++] = z;
  }

  /** Zigzag varint of a 64-bit value given as a safe integer. */
  varlong(v: number): void {
    if (v >= -0x40000000 && v < 0x40000000) return this.varint(v);
    let z = v >= 0 ? v * 2 : -v * 2 - 1;
    while (z >= 0x80) {
      this.buf[this.pos++] = (z % 0x80) | 0x80;
      z = Math.floor(z / 0x80);
    }
    this.buf[this.pos++] = z;
  }
}

/** Bytes of `v` as a zigzag varint. */
export function varintSize(v: number): number {
  const z = ((v << 1) ^ (v >> 31)) >>> 0;
  return z < 0x80 ? 1 : z < 0x4000 ? 2 : z < 0x200000 ? 3 : z < 0x10000000 ? 4 : 5;
}

export function varlongSize(v: number): number {
  if (v >= -0x40000000 && v < 0x40000000) return varintSize(v);
  let z = v >= 0 ? v * 2 : -v * 2 - 1;
  let n = 1;
  while (z >= 0x80) {
    z = Math.floor(z / 0x80);
    n++;
  }
  return n;
}

/**
 * Up to this many characters, a string is measured and copied in JS: a native call costs more
 * than the loop for keys and header values (record values go through the encoder).
 */
const SHORT = 40;

/** UTF-8 length of a string, without the encoder for plain ASCII of a few characters. */
export function utf8Length(s: string): number {
  if (s.length < SHORT) {
    let i = 0;
    while (i < s.length && s.charCodeAt(i) < 0x80) i++;
    if (i === s.length) return i;
  }
  return Buffer.byteLength(s, "utf8");
}
