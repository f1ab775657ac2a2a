/**
 * Records written one after another into a shared slab, each handed out as a view of it (no
 * copy, no allocation but the view), with Protobuf's primitive writes (the same bytes as
 * protobufjs's Writer: varints of numbers through 64-bit two's complement, zigzag, little-endian
 * fixed widths), Avro's, and length-prefixed nesting without a second pass.
 */
import { utf8Into } from "./utf8.ts";

/** A fresh slab's size, and the room a record should find free when it starts. */
const SLAB = 65536;
const ROOM = 4096;

export class ByteWriter {
  buf: Buffer = Buffer.allocUnsafe(SLAB);
  pos = 0;
  /** Where the record being written starts; nothing below it is written again (it was handed out). */
  base = 0;

  /** Starts a record with its (Confluent) header. */
  begin(header: Uint8Array): void {
    if (this.buf.length - this.pos < ROOM + header.length) {
      this.buf = Buffer.allocUnsafe(SLAB);
      this.pos = 0;
    }
    this.base = this.pos;
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < header.length; i++) b[p++] = header[i] as number;
    this.pos = p;
  }

  /** The record written since begin(), as a view of the slab that stays valid. */
  end(): Buffer {
    return this.buf.subarray(this.base, this.pos);
  }

  /** Moves a record that outgrows the slab to the start of a new one (positions are relative to base). */
  private need(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const len = this.pos - this.base;
    const next = Buffer.allocUnsafe(Math.max(SLAB, (len + n) * 2));
    this.buf.copy(next, 0, this.base, this.pos);
    this.buf = next;
    this.base = 0;
    this.pos = len;
  }

  byte(b: number): void {
    this.need(1);
    this.buf[this.pos++] = b;
  }

  uint32(v: number): void {
    this.need(5);
    let n = v >>> 0;
    const b = this.buf;
    let p = this.pos;
    while (n > 127) {
      b[p++] = (n & 127) | 128;
      n >>>= 7;
    }
    b[p++] = n;
    this.pos = p;
  }

  /** A varint of 64 bits given as two unsigned 32-bit halves. */
  private varint64(lo: number, hi: number): void {
    this.need(10);
    const b = this.buf;
    let p = this.pos;
    while (hi) {
      b[p++] = (lo & 127) | 128;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    while (lo > 127) {
      b[p++] = (lo & 127) | 128;
      lo >>>= 7;
    }
    b[p++] = lo;
    this.pos = p;
  }

  int32(v: number): void {
    const n = v | 0;
    if (n < 0) this.int64(n);
    else this.uint32(n);
  }

  sint32(v: number): void {
    this.uint32(((v << 1) ^ (v >> 31)) >>> 0);
  }

  /** int64 and uint64 of a JS number (protobufjs's LongBits.fromNumber). */
  int64(v: number): void {
    if (v >= 0 && v < 4294967296) {
      this.uint32(v >>> 0);
      return;
    }
    bits(v);
    this.varint64(LO[0] as number, HI[0] as number);
  }

  sint64(v: number): void {
    bits(v);
    const lo = LO[0] as number;
    const hi = HI[0] as number;
    const mask = hi >> 31;
    this.varint64(((lo << 1) ^ mask) >>> 0, (((hi << 1) | (lo >>> 31)) ^ mask) >>> 0);
  }

  fixed32(v: number): void {
    this.need(4);
    this.buf.writeUInt32LE(v >>> 0, this.pos);
    this.pos += 4;
  }

  fixed64(v: number): void {
    bits(v);
    this.need(8);
    this.buf.writeUInt32LE(LO[0] as number, this.pos);
    this.buf.writeUInt32LE(HI[0] as number, this.pos + 4);
    this.pos += 8;
  }

  bool(v: boolean): void {
    this.need(1);
    this.buf[this.pos++] = v ? 1 : 0;
  }

  float(v: number): void {
    this.need(4);
    this.buf.writeFloatLE(v, this.pos);
    this.pos += 4;
  }

  double(v: number): void {
    this.need(8);
    this.buf.writeDoubleLE(v, this.pos);
    this.pos += 8;
  }

  /** Length-prefixed UTF-8; short text is encoded here (cheaper than a call into Buffer). */
  string(s: string): void {
    if (s.length < 128) this.short(s, 1);
    else this.utf8(s);
  }

  private utf8(s: string): void {
    this.uint32(Buffer.byteLength(s));
    this.pos += this.buf.write(s, this.pos);
  }

  /**
   * Short text after its length as one varint byte (`scale` 2: Avro's zigzag); when the UTF-8
   * turns out longer than one byte can say, the text moves by one for a second byte.
   */
  private short(s: string, scale: number): void {
    this.need(s.length * 3 + 2);
    const b = this.buf;
    const at = this.pos;
    const end = utf8Into(b, s, at + 1);
    const n = (end - at - 1) * scale;
    if (n < 128) {
      b[at] = n;
      this.pos = end;
      return;
    }
    b.copyWithin(at + 2, at + 1, end);
    b[at] = (n & 127) | 128;
    b[at + 1] = n >>> 7;
    this.pos = end + 1;
  }

  /** Avro's int and long: a zigzag varint of a whole number (avsc's Tap.writeLong). */
  long(n: number): void {
    this.need(10);
    const b = this.buf;
    let p = this.pos;
    if (n >= -1073741824 && n < 1073741824) {
      let m = n >= 0 ? n << 1 : (~n << 1) | 1;
      while (m > 127) {
        b[p++] = (m & 127) | 128;
        m >>>= 7;
      }
      b[p++] = m;
    } else {
      let f = n >= 0 ? n * 2 : -n * 2 - 1;
      while (f >= 128) {
        b[p++] = (f & 127) | 128;
        f /= 128;
      }
      b[p++] = f & 127;
    }
    this.pos = p;
  }

  /** Avro's string: zigzag length then UTF-8; short text is encoded here. */
  avroString(s: string): void {
    if (s.length < 64) this.short(s, 2);
    else this.avroUtf8(s);
  }

  private avroUtf8(s: string): void {
    this.long(Buffer.byteLength(s));
    this.pos += this.buf.write(s, this.pos);
  }

  raw(bytes: Uint8Array): void {
    this.need(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** Where the record is now, from its start: the base may move while it is written (need). */
  mark(): number {
    return this.pos - this.base;
  }

  /** Starts a length-prefixed part (one byte reserved for its length); returns its mark. */
  fork(): number {
    this.need(1);
    return ++this.pos - this.base;
  }

  /** Ends the part forked at `mark`: its length goes in front, moving it when longer than a byte. */
  ldelim(mark: number): void {
    let start = mark + this.base;
    const len = this.pos - start;
    if (len < 128) {
      this.buf[start - 1] = len;
      return;
    }
    let size = 1;
    while (len >>> (7 * size) !== 0) size++;
    this.need(size - 1);
    start = mark + this.base;
    this.buf.copyWithin(start - 1 + size, start, this.pos);
    const end = this.pos + size - 1;
    this.pos = start - 1;
    this.uint32(len);
    this.pos = end;
  }
}

const LO = new Uint32Array(1);
const HI = new Uint32Array(1);

/** The two 32-bit halves of a number as protobufjs's LongBits.fromNumber makes them. */
function bits(value: number): void {
  const sign = value < 0;
  if (sign) value = -value;
  let lo = value >>> 0;
  let hi = ((value - lo) / 4294967296) >>> 0;
  if (sign) {
    hi = ~hi >>> 0;
    lo = ~lo >>> 0;
    if (++lo > 4294967295) {
      lo = 0;
      if (++hi > 4294967295) hi = 0;
    }
  }
  LO[0] = lo;
  HI[0] = hi;
}
