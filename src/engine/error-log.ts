/** Distinct delivery errors with counts and when each was last seen. */
import type { ErrorSnapshot } from "./snapshot.ts";

export class ErrorLog {
  private readonly entries = new Map<string, ErrorSnapshot>();

  record(topic: string, code: string, message: string, count: number, nowMs: number): void {
    const key = `${topic}\u0000${code}`;
    const prev = this.entries.get(key);
    this.entries.set(
      key,
      Object.freeze({
        topic,
        code,
        message,
        count: (prev?.count ?? 0) + count,
        lastSeenMs: nowMs,
      }),
    );
  }

  get size(): number {
    return this.entries.size;
  }

  /** Most recent first. */
  snapshot(): readonly ErrorSnapshot[] {
    return Object.freeze([...this.entries.values()].sort((a, b) => b.lastSeenMs - a.lastSeenMs));
  }
}
