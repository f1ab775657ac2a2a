/**
 * The ground-truth headers of a record that carries them as numbers (ProduceRecord.runId, device,
 * seq): the names and the run id are encoded once, the two numbers written as decimal digits in
 * place. The bytes are those of the headers object { "surge-run", "surge-device", "surge-seq" }.
 */
import { HEADER_DEVICE, HEADER_RUN, HEADER_SEQ } from "../../truth/headers.ts";
import type { ProduceRecord } from "../../common/record.ts";
import type { Writer } from "./writer.ts";
import { varintSize } from "./writer.ts";

export const TRUTH_HEADER_COUNT = 3;

const RUN_NAME = Buffer.from(HEADER_RUN, "utf8");
const DEVICE_NAME = Buffer.from(HEADER_DEVICE, "utf8");
const SEQ_NAME = Buffer.from(HEADER_SEQ, "utf8");
const NAMES_BYTES = [RUN_NAME, DEVICE_NAME, SEQ_NAME].reduce((n, name) => n + varintSize(name.length) + name.length, 0);

// One run id per process in practice: its bytes are kept for the next record.
let runText = "";
let runBytes = Buffer.alloc(0);

function runBytesOf(runId: string): Buffer {
  if (runId !== runText) {
    runBytes = Buffer.from(runId, "utf8");
    runText = runId;
  }
  return runBytes;
}

/**
 * Decimal digits of a non-negative integer below 2^53. Comparisons, not divisions: it runs twice
 * per record (measured, then written) for the device and again for the sequence.
 */
export function decimalDigits(n: number): number {
  if (n < 1e5) return n < 10 ? 1 : n < 100 ? 2 : n < 1e3 ? 3 : n < 1e4 ? 4 : 5;
  if (n < 1e10) return n < 1e6 ? 6 : n < 1e7 ? 7 : n < 1e8 ? 8 : n < 1e9 ? 9 : 10;
  let digits = 11;
  for (let limit = 1e11; n >= limit; limit *= 10) digits++;
  return digits;
}

/** Bytes of the three headers (names, values and their length varints), without the count. */
export function truthHeadersSize(r: ProduceRecord): number {
  const run = runBytesOf(r.runId!).length;
  const device = decimalDigits(r.device!);
  const seq = decimalDigits(r.seq!);
  return NAMES_BYTES + varintSize(run) + run + varintSize(device) + device + varintSize(seq) + seq;
}

/** Writes the three headers measured by truthHeadersSize. */
export function writeTruthHeaders(w: Writer, r: ProduceRecord): void {
  const run = runBytesOf(r.runId!);
  w.varint(RUN_NAME.length);
  w.small(RUN_NAME);
  w.varint(run.length);
  w.small(run);
  w.varint(DEVICE_NAME.length);
  w.small(DEVICE_NAME);
  writeDecimal(w, r.device!);
  w.varint(SEQ_NAME.length);
  w.small(SEQ_NAME);
  writeDecimal(w, r.seq!);
}

function writeDecimal(w: Writer, n: number): void {
  const digits = decimalDigits(n);
  w.varint(digits);
  const buf = w.buf;
  let at = w.pos + digits - 1;
  while (n >= 10) {
    const next = Math.floor(n / 10);
    buf[at--] = 48 + (n - next * 10);
    n = next;
  }
  buf[at] = 48 + n;
  w.pos += digits;
}
