/**
 * Request buffers used again once the socket has taken their bytes: a run at --rate max writes
 * megabytes per request, and fresh buffers for each left garbage that Bun's allocator kept
 * (tens of MB of RSS). A few buffers, each the next power of two of what it first held.
 */
export class BufferPool {
  private readonly free: Buffer[] = [];

  constructor(
    private readonly keep = 8,
    /** Larger buffers are not kept (a rare huge request should not pin its memory). */
    private readonly largest = 16 * 1024 * 1024,
  ) {}

  /** A buffer of exactly `size` bytes (a view of a pooled one), contents undefined. */
  take(size: number): Buffer {
    for (let i = 0; i < this.free.length; i++) {
      const b = this.free[i]!;
      if (b.length >= size) {
        this.free.splice(i, 1);
        return b.subarray(0, size);
      }
    }
    if (size > this.largest) return Buffer.allocUnsafeSlow(size);
    let capacity = 64 * 1024;
    while (capacity < size) capacity *= 2;
    return Buffer.allocUnsafeSlow(capacity).subarray(0, size);
  }

  /** Gives back a buffer from take() once nothing reads it any more. */
  give(view: Buffer): void {
    if (view.byteOffset !== 0 || view.buffer.byteLength > this.largest) return;
    const whole = Buffer.from(view.buffer, 0, view.buffer.byteLength);
    if (this.free.length >= this.keep) this.free.shift();
    this.free.push(whole);
  }
}
