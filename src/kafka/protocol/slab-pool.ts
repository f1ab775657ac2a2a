/**
 * Memory for records encoded at hand-over (encoded-records.ts), used again: each hand-over's
 * records take the next bytes of a 1 MiB slab, and a slab is reused once every record in it is
 * settled. Fresh buffers per hand-over were written cold: the page faults and cache misses of
 * first touch cost more than the copy itself.
 */

interface Slab {
  buf: Buffer;
  used: number;
  /** Parts taken from it and not yet released. */
  live: number;
  /** No longer the slab parts are taken from. */
  retired: boolean;
}

export interface SlabPart {
  buf: Buffer;
  /** The bytes are no longer read (the records are settled); safe to call twice. */
  release(): void;
}

const nothing = (): void => {};

export class SlabPool {
  private current: Slab | undefined;
  private readonly free: Slab[] = [];

  constructor(
    private readonly slabBytes = 1024 * 1024,
    /** Slabs kept for reuse beyond the one in use; more are let go when released. */
    private readonly keep = 64,
  ) {}

  take(size: number): SlabPart {
    // A part a quarter of a slab or larger is rare: its own memory, not a slab left mostly empty.
    if (size > this.slabBytes / 4) return { buf: Buffer.allocUnsafeSlow(size), release: nothing };
    let slab = this.current;
    if (!slab || slab.used + size > slab.buf.length) {
      if (slab) this.retire(slab);
      slab = this.current = this.free.pop() ?? {
        buf: Buffer.allocUnsafeSlow(this.slabBytes),
        used: 0,
        live: 0,
        retired: false,
      };
    }
    const s = slab;
    const buf = s.buf.subarray(s.used, s.used + size);
    s.used += size;
    s.live++;
    let released = false;
    return {
      buf,
      release: () => {
        if (released) return;
        released = true;
        s.live--;
        if (s.retired && s.live === 0) this.recycle(s);
      },
    };
  }

  /** Slabs ready for reuse (for tests). */
  get spare(): number {
    return this.free.length;
  }

  private retire(s: Slab): void {
    s.retired = true;
    if (s.live === 0) this.recycle(s);
  }

  private recycle(s: Slab): void {
    s.used = 0;
    s.retired = false;
    if (this.free.length < this.keep) this.free.push(s);
  }
}
