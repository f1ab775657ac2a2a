/** Cuts a TCP byte stream into Kafka response frames (int32 size, then that many bytes), copying only frames that span chunks. */

export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly onFrame: (frame: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (this.buffered >= 4) {
      const size = this.peekSize();
      if (this.buffered < 4 + size) return;
      this.onFrame(this.take(4 + size).subarray(4));
    }
  }

  reset(): void {
    this.chunks = [];
    this.buffered = 0;
  }

  private peekSize(): number {
    const first = this.chunks[0]!;
    if (first.length >= 4) return first.readInt32BE(0);
    return this.take(4, false).readInt32BE(0);
  }

  /** The next `n` bytes (removed from the stream unless `consume` is false). */
  private take(n: number, consume = true): Buffer {
    const first = this.chunks[0]!;
    let out: Buffer;
    if (first.length >= n) out = first.subarray(0, n);
    else {
      out = Buffer.allocUnsafe(n);
      let at = 0;
      for (const c of this.chunks) {
        const part = Math.min(c.length, n - at);
        c.copy(out, at, 0, part);
        at += part;
        if (at === n) break;
      }
    }
    if (consume) this.drop(n);
    else this.chunks = [out, ...this.dropped(n)];
    return out;
  }

  private drop(n: number): void {
    this.chunks = this.dropped(n);
    this.buffered -= n;
  }

  private dropped(n: number): Buffer[] {
    const rest: Buffer[] = [];
    let left = n;
    for (const c of this.chunks) {
      if (left >= c.length) {
        left -= c.length;
        continue;
      }
      rest.push(left > 0 ? c.subarray(left) : c);
      left = 0;
    }
    return rest;
  }
}
