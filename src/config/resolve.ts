/**
 * Flags + environment + scenario file + defaults -> validated RunSettings, or every error at once.
 * Precedence: flags > env (SURGE_<FLAG>, KAFKA_BROKERS) > scenario file > defaults.
 */
import { brokersValue } from "./brokers.ts";
import { Checker } from "./checker.ts";
import { DEFAULTS, LIMITS } from "./defaults.ts";
import { loadScenario, type LoadedScenario } from "./load-scenario.ts";
import { FLAG_SPECS, KAFKA_BROKERS_ENV, type RawFlags } from "./raw-flags.ts";
import { redact } from "./redact.ts";
import { resolveExporters } from "./resolve-exporters.ts";
import { resolveProducer } from "./resolve-producer.ts";
import { resolveSecurity } from "./resolve-security.ts";
import { resolveSegment, segmentCount } from "./resolve-segment.ts";
import { resolveWorkers, workersValue } from "./resolve-workers.ts";
import { partOf } from "../common/segment.ts";
import { Sources, type Env } from "./sources.ts";
import { closest } from "../common/suggest.ts";
import { MAX_TOPIC_LENGTH, topicNameProblem, topicPrefixProblem } from "./topics.ts";
import type { RateProfile, RunSettings, Scenario } from "./types.ts";
import { durationValue, textValue, wholeNumber } from "../common/values.ts";
import { memoryLimitValue, rateValue, timeScaleValue } from "./values.ts";
import { profileValue } from "./profile.ts";
import { checkTimeline, type KindDefaults } from "./timeline.ts";
import { resolveE2e } from "./resolve-e2e.ts";

export interface ResolveInput {
  flags: RawFlags;
  env: Env;
  /** Built-in scenario name -> YAML text. */
  builtins: Record<string, string>;
  /** Throws (with a Node-style `code`) when the file cannot be read. */
  readFile: (path: string) => string;
  /** Relative scenario and CA paths are taken from here; as given when absent. */
  cwd?: string;
  /** Whether stdout is a terminal: the dashboard needs one. */
  isTTY: boolean;
  /** Source of the seed when none is given; injectable so tests are deterministic. */
  randomSeed?: () => number;
  /** --workers auto: the box's cores (os.availableParallelism() when absent). */
  cores?: number;
  /** Anomaly kinds a timeline may name (with their defaults); timelines are refused without. */
  anomalyKinds?: readonly KindDefaults[];
}

export type ResolveResult = { settings: RunSettings; warnings: string[] } | { errors: string[] };

export function resolveSettings(input: ResolveInput): ResolveResult {
  const check = new Checker();
  const warnings: string[] = [];
  const src = new Sources(input.flags, input.env, check);

  const { loaded, errors: scenarioErrors } = loadScenario({
    ref: src.raw("scenario"),
    builtins: input.builtins,
    readFile: input.readFile,
    cwd: input.cwd,
  });
  check.errors.push(...scenarioErrors);
  const file = loaded?.file;

  const devicesFromSources = src.get("devices", wholeNumber(LIMITS.devices.min, LIMITS.devices.max));
  const devices = devicesFromSources ?? file?.devices;
  if (loaded && devices === undefined && src.raw("devices") === undefined) {
    check.reject("devices", "missing: set devices in the scenario file, --devices or SURGE_DEVICES");
  }
  const sampleIntervalMs = file?.sampleIntervalMs ?? DEFAULTS.sampleIntervalMs;

  const topicPrefix = src.get("topicPrefix", prefixValue) ?? DEFAULTS.topicPrefix;
  const brokers = src.get("brokers", brokersValue) ?? [...DEFAULTS.brokers];
  const settings = {
    brokers,
    rate: src.get("rate", rateValue) ?? defaultRate(file, devices, devicesFromSources !== undefined, sampleIntervalMs),
    durationMs: src.get("duration", durationValue({ minMs: 0 })) ?? file?.durationMs ?? DEFAULTS.durationMs,
    count: src.get("count", wholeNumber(LIMITS.count.min, LIMITS.count.max)) ?? DEFAULTS.count,
    // The instances of one --run-id share a seed unless given one: the same fleet, the same draws.
    seed:
      src.get("seed", wholeNumber(LIMITS.seed.min, LIMITS.seed.max)) ??
      seedOfRun(input.flags.runId ?? input.env["SURGE_RUN_ID"]) ??
      (input.randomSeed ?? randomSeed)(),
    timeScale: src.get("timeScale", timeScaleValue) ?? file?.timeScale ?? DEFAULTS.timeScale,
    partitions: src.get("partitions", wholeNumber(LIMITS.partitions.min, LIMITS.partitions.max)) ?? DEFAULTS.partitions,
    ...optionalReplication(
      src.get("replicationFactor", wholeNumber(LIMITS.replicationFactor.min, LIMITS.replicationFactor.max)),
    ),
    topicPrefix,
    producer: resolveProducer(src, file?.producer ?? {}),
    security: resolveSecurity({ src, check, warnings, readFile: input.readFile, cwd: input.cwd }),
    tui: src.bool("noTui") !== true && input.isTTY,
    connectTimeoutMs:
      src.get(
        "connectTimeout",
        durationValue({ minMs: LIMITS.connectTimeoutMs.min, maxMs: LIMITS.connectTimeoutMs.max }),
      ) ?? DEFAULTS.connectTimeoutMs,
    intervalMs:
      src.get("interval", durationValue({ minMs: LIMITS.intervalMs.min, maxMs: LIMITS.intervalMs.max })) ??
      DEFAULTS.intervalMs,
    summaryJson: src.get("summaryJson", textValue(4096)),
    memoryLimitBytes:
      src.get("memoryLimit", memoryLimitValue(LIMITS.memoryLimitBytes.min, LIMITS.memoryLimitBytes.max)) ??
      DEFAULTS.memoryLimitBytes,
    dryRun: src.bool("dryRun") ?? false,
    ...optionalProfile(src.get("profile", profileValue) ?? file?.profile),
    timeline: checkTimeline(file?.timeline, input.anomalyKinds ?? [], check),
    truthTopic:
      src.bool("groundTruth") === false ? "" : (src.get("anomaliesTopic", truthTopicValue) ?? DEFAULT_TRUTH_TOPIC),
    exporters: resolveExporters(src),
    ...resolveSegment(src, input.env, check, warnings, brokers),
  };
  const { batchSize, maxInFlight } = settings.producer;
  if (batchSize * maxInFlight > LIMITS.bytesInFlight.max) {
    check.reject(
      "batch size × max in flight",
      `must be at most ${LIMITS.bytesInFlight.max / 1024 ** 2} MiB (memory held for requests in flight); lower --batch-size or --max-in-flight`,
      `${batchSize} × ${maxInFlight}`,
    );
  }
  if (settings.profile && src.raw("rate") !== undefined) {
    warnings.push(
      `--rate is ignored: the rate profile (${src.raw("profile") ? "--profile" : "the scenario's profile"}) sets the rate`,
    );
  }

  const scenario =
    loaded && devices !== undefined
      ? buildScenario(loaded, devices, sampleIntervalMs, topicPrefix, check, src)
      : undefined;
  if (scenario) warnings.push(...rateWarnings(settings.rate, scenario));
  const e2e = resolveE2e(src, scenario?.topics, settings.rate === "max");
  if (e2e && settings.dryRun)
    check.reject("--dry-run", "cannot read anything back (no broker): drop --e2e / --follow or --dry-run");
  const askedWorkers = src.get("workers", workersValue);
  const workers =
    scenario && askedWorkers !== undefined
      ? resolveWorkers(
          {
            asked: askedWorkers,
            share: settings.segment,
            devices: scenario.devices,
            count: settings.segment ? partOf(settings.segment, settings.count) : settings.count,
            runCount: settings.count,
            e2e: e2e !== undefined,
            ...(input.cores === undefined ? {} : { cores: input.cores }),
          },
          check,
        )
      : 1;
  if (scenario && settings.segment)
    settings.count = segmentCount(settings.segment, scenario.devices, settings.count, check);
  warnings.push(...envTypoWarnings(input.env));

  // The password may sit in flags or env; whatever happened above, it must not be printed.
  const secrets = [
    input.flags.saslPassword,
    input.env["SURGE_SASL_PASSWORD"],
    input.flags.fleetToken,
    input.env["SURGE_FLEET_TOKEN"],
  ];
  if (check.errors.length > 0 || !scenario) return { errors: redact(check.errors, secrets) };
  return {
    settings: { scenario, ...settings, ...(e2e ? { e2e } : {}), ...(workers > 1 ? { workers } : {}) },
    warnings: redact(warnings, secrets),
  };
}

/** FNV-1a of the run id: every instance of a split run derives the same seed from it. */
function seedOfRun(runId: string | undefined): number | undefined {
  if (runId === undefined || runId.trim() === "") return undefined;
  let h = 0x811c9dc5;
  for (const c of runId.trim()) h = Math.imul(h ^ (c.codePointAt(0) as number), 0x01000193) >>> 0;
  return h;
}

/** Where the ground truth goes unless --anomalies-topic says otherwise (no topic prefix). */
const DEFAULT_TRUTH_TOPIC = "surge.anomalies";

const optionalReplication = (rf: number | undefined): { replicationFactor?: number } =>
  rf === undefined ? {} : { replicationFactor: rf };

const optionalProfile = (profile: RateProfile | undefined): { profile?: RateProfile } => (profile ? { profile } : {});

const truthTopicValue = (raw: unknown) => {
  const problem = topicNameProblem(raw);
  return problem ? { ok: false as const, problem } : { ok: true as const, value: raw as string };
};

const prefixValue = (raw: unknown) => {
  const text = typeof raw === "string" ? raw : "";
  const problem = topicPrefixProblem(text);
  return problem ? { ok: false as const, problem } : { ok: true as const, value: text };
};

/**
 * The scenario's own rate describes its own fleet: when the device count is overridden the rate
 * scales with it, so --devices 10x on a scenario with `rate: 200` gives 2000/s, not 200/s.
 */
function defaultRate(
  file: LoadedScenario["file"] | undefined,
  devices: number | undefined,
  devicesOverridden: boolean,
  intervalMs: number,
): number | "max" {
  const fileRate = file?.rate;
  if (fileRate === "max") return "max";
  if (fileRate !== undefined) {
    return devicesOverridden && devices !== undefined && file?.devices ? (fileRate * devices) / file.devices : fileRate;
  }
  return ((devices ?? 1) * 1000) / intervalMs;
}

function buildScenario(
  loaded: LoadedScenario,
  devices: number,
  sampleIntervalMs: number,
  prefix: string,
  check: Checker,
  src: Sources,
): Scenario {
  const { file } = loaded;
  const topics = file.topics.map((t) => ({ ...t, name: `${prefix}${t.name}` }));
  for (const topic of topics) {
    if (topic.name.length > MAX_TOPIC_LENGTH) {
      const where = src.raw("topicPrefix")?.where ?? "--topic-prefix";
      check.reject(where, `makes topic ${JSON.stringify(topic.name)} longer than ${MAX_TOPIC_LENGTH} characters`);
    }
  }
  return {
    name: file.name ?? loaded.fallbackName,
    description: file.description ?? "",
    model: file.model,
    devices,
    sampleIntervalMs,
    ...(file.sampleStartMs !== undefined ? { sampleStartMs: file.sampleStartMs } : {}),
    maxRatePerDevice: file.maxRatePerDevice ?? DEFAULTS.maxRatePerDevice,
    topics,
    params: file.params,
    ...(file.fleet !== undefined ? { fleet: file.fleet } : {}),
    ...(file.fleet !== undefined && file.devices !== undefined ? { declaredDevices: file.devices } : {}),
  };
}

function rateWarnings(rate: number | "max", scenario: Scenario): string[] {
  const cap = scenario.maxRatePerDevice;
  if (rate === "max" || cap <= 0 || rate <= scenario.devices * cap) return [];
  return [
    `rate ${rate}/s is more than ${scenario.devices} devices may send at maxRatePerDevice ${cap} (${scenario.devices * cap}/s)`,
  ];
}

const KNOWN_ENV = [
  ...FLAG_SPECS.flatMap((s) => (s.env ? [s.env] : [])),
  // Registry credentials: environment only (src/registry/settings.ts).
  "SURGE_SCHEMA_REGISTRY_USER",
  "SURGE_SCHEMA_REGISTRY_PASSWORD",
  "SURGE_SCHEMA_REGISTRY_TOKEN",
];

/** SURGE_DEVICS=5 would silently do nothing; say so when the name is close to a real one. */
function envTypoWarnings(env: Env): string[] {
  const warnings: string[] = [];
  for (const name of Object.keys(env)) {
    if (!name.startsWith("SURGE_") || KNOWN_ENV.includes(name) || name === KAFKA_BROKERS_ENV) continue;
    const guess = closest(name, KNOWN_ENV);
    if (guess) warnings.push(`unknown environment variable ${name} is ignored (did you mean ${guess}?)`);
  }
  return warnings;
}

function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
}
