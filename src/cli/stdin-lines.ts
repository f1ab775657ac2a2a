/**
 * Control lines from a stream, at most MAX_LINE_BYTES each: a longer line is never held whole,
 * its bytes are dropped as they arrive and the caller hears once that it was ignored.
 */
import type { Readable } from "node:stream";

/** Far longer than any command ("inject clock-skew 12.5% 1h30m x600 topic=..."). */
export const MAX_LINE_BYTES = 1024;
const NEWLINE = 0x0a;

export interface LineHandlers {
  line(text: string): void;
  /** A line longer than MAX_LINE_BYTES was dropped; `bytes` is how long it was. */
  tooLong(bytes: number): void;
}

/** Feeds `stream` to `handlers`; returns a function that stops listening. */
export function readLines(stream: Readable, handlers: LineHandlers): () => void {
  const splitter = new LineSplitter(handlers);
  const onData = (chunk: Buffer | string): void =>
    splitter.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  const onEnd = (): void => splitter.end();
  stream.on("data", onData);
  stream.on("end", onEnd);
  return () => {
    stream.off("data", onData);
    stream.off("end", onEnd);
  };
}

/** The splitting itself, separate from the stream so it is tested with any chunking. */
export class LineSplitter {
  private readonly held = Buffer.alloc(MAX_LINE_BYTES);
  private heldBytes = 0;
  /** Bytes of the current line so far, counted even once they are no longer held. */
  private lineBytes = 0;

  constructor(private readonly handlers: LineHandlers) {}

  push(chunk: Buffer): void {
    let from = 0;
    while (from < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, from);
      const to = newline < 0 ? chunk.length : newline;
      this.take(chunk, from, to);
      if (newline < 0) return;
      this.finishLine();
      from = newline + 1;
    }
  }

  /** End of input: a last line without a newline still counts. */
  end(): void {
    if (this.lineBytes > 0) this.finishLine();
  }

  private take(chunk: Buffer, from: number, to: number): void {
    const length = to - from;
    if (this.lineBytes + length <= MAX_LINE_BYTES) chunk.copy(this.held, this.heldBytes, from, to);
    this.heldBytes = Math.min(MAX_LINE_BYTES, this.heldBytes + length);
    this.lineBytes += length;
  }

  private finishLine(): void {
    const bytes = this.lineBytes;
    const text = this.held.toString("utf8", 0, this.heldBytes);
    this.heldBytes = 0;
    this.lineBytes = 0;
    if (bytes > MAX_LINE_BYTES) this.handlers.tooLong(bytes);
    else this.handlers.line(text);
  }
}
