/** Parsers of the run settings' own values: rate, time scale, sizes, acks, compression, SASL. */
import { bad, ok, oneOf, toNumber, type Parser } from "../common/values.ts";
import { formatSize, parseSize } from "./size.ts";
import type { Acks, Compression, PartitionerName, SaslMechanism } from "./types.ts";

/** Events per second: a positive number or "max" (as fast as the producer accepts). */
export const rateValue: Parser<number | "max"> = (raw) => {
  if (typeof raw === "string" && raw.trim().toLowerCase() === "max") return ok("max");
  const n = toNumber(raw);
  return n !== undefined && Number.isFinite(n) && n > 0 ? ok(n) : bad('must be a positive number or "max"');
};

/** Simulated seconds per real second: 1 = real time, 1440 = a day per minute. */
export const TIME_SCALE_MAX = 1_000_000;
export const timeScaleValue: Parser<number> = (raw) => {
  const n = toNumber(raw);
  return n !== undefined && Number.isFinite(n) && n > 0 && n <= TIME_SCALE_MAX
    ? ok(n)
    : bad(`must be a positive number up to ${TIME_SCALE_MAX} (1 = real time, 1440 = a day per minute)`);
};

export function sizeValue(min: number, max: number): Parser<number> {
  const problem = `must be a size in bytes from ${min} to ${max}, like 65536, 64k or 1m`;
  return (raw) => {
    if (typeof raw !== "string" && typeof raw !== "number") return bad(problem);
    const parsed = parseSize(raw);
    return parsed.ok && parsed.bytes >= min && parsed.bytes <= max ? ok(parsed.bytes) : bad(problem);
  };
}

/** --memory-limit: 0 or "off" turns it off, else a size within LIMITS.memoryLimitBytes. */
export function memoryLimitValue(min: number, max: number): Parser<number> {
  const size = sizeValue(min, max);
  const problem = `must be 0 (off) or a size from ${formatSize(min)} to ${formatSize(max)}, like 320m or 1g`;
  return (raw) => {
    const text = typeof raw === "string" ? raw.trim().toLowerCase() : raw;
    if (text === 0 || text === "0" || text === "off") return ok(0);
    const parsed = size(raw);
    return parsed.ok ? parsed : bad(problem);
  };
}

/** acks: 0, 1 or all (-1 is the same as all, as in the Kafka protocol). */
export const acksValue: Parser<Acks> = (raw) => {
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim().toLowerCase() : "";
  if (text === "0") return ok(0);
  if (text === "1") return ok(1);
  if (text === "all" || text === "-1") return ok(-1);
  return bad("must be 0, 1 or all");
};

export const COMPRESSIONS: readonly Compression[] = ["none", "gzip", "snappy", "lz4", "zstd"];
export const PARTITIONERS: readonly PartitionerName[] = ["murmur2", "fnv1a", "round-robin"];
export const SASL_MECHANISMS: readonly SaslMechanism[] = ["plain", "scram-sha-256", "scram-sha-512", "oauthbearer"];

export const compressionValue = oneOf(COMPRESSIONS);
export const partitionerValue = oneOf(PARTITIONERS);
export const saslMechanismValue = oneOf(SASL_MECHANISMS);
