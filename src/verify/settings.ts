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
    connectTimeoutMs: src.get("connectTimeout", durationValue({ minMs: LIMITS.connectTimeoutMs.min, maxMs: LIMITS.connectTimeoutMs.max })) ??
      DEFAULTS.connectTimeoutMs,
    runId: src.get("run", runIdValue),
    truthTopic: src.get("anomaliesTopic", topicValue) ?? DEFAULT_TRUTH_TOPIC,
    json: src.bool("json") ?? false,
    allowIncomplete: src.bool("allowIncomplete") ?? false,
    timeoutMs: src.get("timeout", durationValue({ minMs: 1000, maxMs: 24 * 3_600_000 })) ?? DEFAULT_VERIFY_TIMEOUT_MS,
  };
  const secrets = [input.flags.saslPassword, input.env["SURGE_SASL_PASSWORD"]];
  if (check.errors.length > 0) return { errors: redact(check.errors, secrets) };
  return { settings, warnings: redact(warnings, secrets) };
}

const runIdValue: Parser<string> = (raw) => {
  const text = textValue(200)(raw);
  if (!text.ok) return text;
  return /^[\w.:-]+$/.test(text.value) ? text : { ok: false, problem: "must be a run id as surge prints it, e.g. 20261121T083756Z-ab12" };
};

const topicValue: Parser<string> = (raw) => {
  const problem = topicNameProblem(raw);
  return problem ? { ok: false, problem } : { ok: true, value: String(raw) };
};
