/**
 * Reads a text file, but never more than `maxBytes` + 1 of it: a huge file (or /dev/zero) is
 * refused with its size instead of being held in memory whole.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { formatBytes } from "./scenario-limits.ts";

export class FileTooLarge extends Error {
  readonly code = "ETOOLARGE";
  constructor(bytes: number, atLeast: boolean, maxBytes: number) {
    super(
      `the file is ${atLeast ? "more than " : ""}${formatBytes(bytes)}; at most ${formatBytes(maxBytes)} is accepted`,
    );
  }
}

export function readTextFile(path: string, maxBytes: number): string {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) throw new FileTooLarge(size, false, maxBytes);
    // Devices and pipes report size 0: read at most one byte past the limit to tell.
    const buffer = Buffer.alloc(maxBytes + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const n = readSync(fd, buffer, filled, buffer.length - filled, null);
      if (n === 0) break;
      filled += n;
    }
    if (filled > maxBytes) throw new FileTooLarge(maxBytes, true, maxBytes);
    return buffer.toString("utf8", 0, filled);
  } finally {
    closeSync(fd);
  }
}
