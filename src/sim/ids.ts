/** Deterministic device ids from device indexes. */

/** Digits needed for ids 1..devices, at least `min`. */
export function idWidth(devices: number, min: number): number {
  return Math.max(min, String(Math.max(1, Math.floor(devices))).length);
}

/** prefix + (index + 1) zero-padded, e.g. ("device_", 0, 3) → "device_001". */
export function paddedId(prefix: string, index: number, width: number): string {
  return prefix + String(index + 1).padStart(width, "0");
}

/**
 * A lazily filled per-device string cache. Strings are built on first use, so a 100k-device
 * fleet that only emits from a few devices costs a few entries; a full fleet costs one short
 * string per device (tens of bytes), which keeps RSS flat.
 */
export class LazyStrings {
  /** Packed array of "" (new Array(n) with a large n falls back to slow dictionary elements). */
  private readonly items: string[] = [];

  constructor(
    size: number,
    private readonly build: (index: number) => string,
  ) {
    for (let i = 0; i < size; i++) this.items.push("");
  }

  get(index: number): string {
    let s = this.items[index] ?? "";
    if (s.length === 0) {
      s = this.build(index);
      this.items[index] = s;
    }
    return s;
  }
}

/** Index of the topic with `role` in the scenario, or the role's position in the model's list. */
export function topicIndex(topics: readonly { role: string }[], role: string, fallback: number): number {
  const i = topics.findIndex((t) => t.role === role);
  return i >= 0 ? i : fallback;
}
