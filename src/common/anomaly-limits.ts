/**
 * The accepted range of every anomaly parameter, checked alike for scenario timelines, stdin lines
 * and dashboard keys (the engine checks again, whoever asks). Magnitude ranges sit on each kind.
 */
/** The magnitudes an anomaly kind accepts (a kind without one takes none). */
export interface MagnitudeRange {
  min: number;
  max: number;
  /** Only whole numbers (a count of copies). */
  whole?: boolean;
}

/** Share of devices: above 0, at most 1 (100 %). */
export const SHARE_MAX = 1;
/** How long one anomaly may run: 1 ms to 24 h. */
export const ANOMALY_DURATION_MS = { min: 1, max: 24 * 3_600_000 } as const;
/**
 * Anomalies running at once: each event looks at every running one, and each is remembered until
 * it ends, so a flood of injections must not grow the work per event or the memory without end.
 */
export const MAX_RUNNING_ANOMALIES = 100;

export const SHARE_PROBLEM = "must be a share of devices like 5% or 0.05 (above 0, at most 100%)";
export const shareInRange = (share: number): boolean => share > 0 && share <= SHARE_MAX;

export interface AnomalyParams {
  share?: number;
  durationMs?: number;
  magnitude?: number;
}

export type AnomalyField = keyof AnomalyParams;

export interface ParamProblem {
  field: AnomalyField;
  /** "must be ...", for the caller to prefix with where the value came from. */
  problem: string;
}

/** What the checks need of an anomaly kind (src/sim/anomalies/kind.ts has the whole kind). */
interface KindRange {
  name: string;
  magnitudeRange?: MagnitudeRange | undefined;
  magnitudeMeaning?: string | undefined;
}

/** Problems with the parameters given (absent ones are not checked); none when all are in range. */
export function anomalyParamProblems(kind: KindRange, p: AnomalyParams): ParamProblem[] {
  const problems: ParamProblem[] = [];
  if (p.share !== undefined && !shareInRange(p.share)) problems.push({ field: "share", problem: SHARE_PROBLEM });
  const d = p.durationMs;
  if (d !== undefined && !(d >= ANOMALY_DURATION_MS.min && d <= ANOMALY_DURATION_MS.max)) {
    problems.push({ field: "durationMs", problem: "must be a duration from 1ms to 24h" });
  }
  if (p.magnitude !== undefined) {
    const problem = magnitudeProblem(kind, p.magnitude);
    if (problem) problems.push({ field: "magnitude", problem });
  }
  return problems;
}

/** "must be ..." when `magnitude` is outside the kind's range, or the kind takes none. */
export function magnitudeProblem(kind: KindRange, magnitude: number): string | undefined {
  const range = kind.magnitudeRange;
  if (!range) return `must be left out: ${kind.name} takes no magnitude`;
  const fits =
    Number.isFinite(magnitude) &&
    magnitude >= range.min &&
    magnitude <= range.max &&
    (!range.whole || Number.isInteger(magnitude));
  if (fits) return undefined;
  return `must be ${range.whole ? "a whole number" : "a number"} from ${range.min} to ${range.max} (${kind.magnitudeMeaning})`;
}

/** "share 5%: must be ..." lines for a message, in field order. */
export function describeProblems(problems: readonly ParamProblem[]): string {
  return problems.map((p) => `${FIELD_NAMES[p.field]} ${p.problem}`).join("; ");
}

const FIELD_NAMES: Record<AnomalyField, string> = { share: "share", durationMs: "duration", magnitude: "magnitude" };
