/**
 * `surge verify` settings from flags and environment: the same brokers, TLS and SASL resolution
 * as a run (so one environment serves both), plus which run, which truth topic and how long.
 */
import { brokersValue } from "../config/brokers.ts";
import { Checker } from "../config/checker.ts";
import { DEFAULTS, LIMITS } from "../config/defaults.ts";
import type { RawFlags } from "../config/raw-flags.ts";
import { redact } from "../config/redact.ts";
import { resolveSecurity } from "../config/resolve-security.ts";
import { Sources, type Env } from "../config/sources.ts";
import { topicNameProblem } from "../config/topics.ts";
import type { SecuritySettings } from "../config/types.ts";
import type { Parser } from "../common/values.ts";
import { durationValue, textValue } from "../common/values.ts";
import { DEFAULT_TRUTH_TOPIC } from "../truth/records.ts";

export interface VerifySettings {
  brokers: string[];
  clientId: string;
  security: SecuritySettings;
  connectTimeoutMs: number;
  /** undefined: the latest run in the truth topic. */
  runId: string | undefined;
  truthTopic: string;
  json: boolean;
  /** Give up reading (retrying transient broker errors until then) after this long. */
  timeoutMs: number;
  /** Judge a run without run-end on what is there instead of calling it incomplete. */
  allowIncomplete: boolean;
  /** Records aged out (deleted by retention before verify read them) fail the run. */
  requireAll: boolean;
  /** Verify only records acked in this window (--since/--until); undefined: the whole run. */
  since: WindowEdge | undefined;
  until: WindowEdge | undefined;
}

/** An edge of a window: an instant, or a time after the run started. */
export type WindowEdge = { atMs: number } | { afterStartMs: number };

export function edgeMs(edge: WindowEdge, runStartedMs: number): number {
  return "atMs" in edge ? edge.atMs : runStartedMs + edge.afterStartMs;
}

export const DEFAULT_VERIFY_TIMEOUT_MS = 10 * 60_000;

export interface VerifyResolveInput {
  flags: RawFlags;
  env: Env;
  readFile: (path: string) => string;
  cwd?: string;
}

export type VerifyResolveResult = { settings: VerifySettings; warnings: string[] } | { errors: string[] };

export function resolveVerifySettings(input: VerifyResolveInput): VerifyResolveResult {
  const check = new Checker();
  const warnings: string[] = [];
  const src = new Sources(input.flags, input.env, check);
  const settings: VerifySettings = {
    brokers: src.get("brokers", brokersValue) ?? [...DEFAULTS.brokers],
    clientId: src.get("clientId", textValue(255)) ?? `${DEFAULTS.producer.clientId}-verify`,
    security: resolveSecurity({ src, check, warnings, readFile: input.readFile, cwd: input.cwd }),
    connectTimeoutMs:
      src.get(
        "connectTimeout",
        durationValue({ minMs: LIMITS.connectTimeoutMs.min, maxMs: LIMITS.connectTimeoutMs.max }),
      ) ?? DEFAULTS.connectTimeoutMs,
    runId: src.get("run", runIdValue),
    truthTopic: src.get("anomaliesTopic", topicValue) ?? DEFAULT_TRUTH_TOPIC,
    json: src.bool("json") ?? false,
    allowIncomplete: src.bool("allowIncomplete") ?? false,
    requireAll: src.bool("requireAll") ?? false,
    since: src.get("since", edgeValue),
    until: src.get("until", edgeValue),
    timeoutMs: src.get("timeout", durationValue({ minMs: 1000, maxMs: 24 * 3_600_000 })) ?? DEFAULT_VERIFY_TIMEOUT_MS,
  };
  if (
    settings.since &&
    settings.until &&
    "atMs" in settings.since &&
    "atMs" in settings.until &&
    settings.until.atMs <= settings.since.atMs
  ) {
    check.errors.push("--until must be later than --since");
  }
  const secrets = [input.flags.saslPassword, input.env["SURGE_SASL_PASSWORD"]];
  if (check.errors.length > 0) return { errors: redact(check.errors, secrets) };
  return { settings, warnings: redact(warnings, secrets) };
}

const runIdValue: Parser<string> = (raw) => {
  const text = textValue(200)(raw);
  if (!text.ok) return text;
  return /^[\w.:-]+$/.test(text.value)
    ? text
    : { ok: false, problem: "must be a run id as surge prints it, e.g. 20261121T083756Z-ab12" };
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO time with its zone (2026-12-06T20:00:00Z), or a duration after the run started (10m). */
const edgeValue: Parser<WindowEdge> = (raw) => {
  const text = String(raw).trim();
  if (ISO_TIME.test(text)) {
    const atMs = Date.parse(text.replace(" ", "T"));
    if (Number.isFinite(atMs)) return { ok: true, value: { atMs } };
  }
  const after = durationValue({ minMs: 0 })(text);
  if (after.ok) return { ok: true, value: { afterStartMs: after.value } };
  return {
    ok: false,
    problem:
      "must be an ISO time with its zone, like 2026-12-06T20:00:00Z, or a duration after the run started, like 10m",
  };
};

const topicValue: Parser<string> = (raw) => {
  const problem = topicNameProblem(raw);
  return problem ? { ok: false, problem } : { ok: true, value: String(raw) };
};
