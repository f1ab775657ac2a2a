/** The last few things that happened in a run, numbered so front ends print each once. */
import type { RunEvent } from "./snapshot.ts";

const KEEP = 50;

export class RunLog {
  private readonly events: RunEvent[] = [];
  private seq = 0;

  add(elapsedMs: number, message: string): void {
    this.events.push(Object.freeze({ seq: ++this.seq, elapsedMs, message }));
    if (this.events.length > KEEP) this.events.shift();
  }

  snapshot(): readonly RunEvent[] {
    return Object.freeze([...this.events]);
  }
}
