/**
 * What one anomaly kind does to the events of the devices it hits. A kind fills in only the hooks
 * it needs; the engine combines every active anomaly of a device into one EventPlan per event.
 */
import type { MagnitudeRange } from "../../common/anomaly-limits.ts";
import type { Random } from "../random.ts";

export type AnomalyScope =
  /** Hits a share of the devices (or every device writing to one topic). */
  | "devices"
  /** Changes the whole fleet (burst: the rate itself). */
  | "fleet";

export interface AnomalyKind {
  /** Name used in keys, stdin (`inject KIND`), scenario timelines and the surge-anomaly header. */
  name: string;
  /** One line for menus and help. */
  summary: string;
  scope: AnomalyScope;
  defaultShare: number;
  defaultDurationMs: number;
  /** Kind-specific strength used when the request names none. */
  defaultMagnitude: number;
  /** What magnitude means, e.g. "× deviation from the mean". */
  magnitudeMeaning: string;
  /**
   * Magnitudes accepted from any source (README's anomaly table lists them); absent when the kind
   * takes none. Bounds keep memory and work per event bounded (duplicate copies, burst rates).
   */
  magnitudeRange?: MagnitudeRange;
  /** Multiplier on the deviation from the sensor mean (spike). */
  scale?(magnitude: number): number;
  /** Offset as a fraction of the sensor range; progress runs 0 → 1 over the anomaly's life. */
  drift?(magnitude: number, progress: number): number;
  /** Repeat the last reading instead of sampling (stuck sensor). */
  stuck?: boolean;
  /** Build the event but do not send it: its sequence numbers become a visible gap (dropout). */
  drop?: boolean;
  /** Shift of the event timestamp in ms (late: in the past; clock-skew: either way, per device). */
  timeShiftMs?(magnitude: number, device: number): number;
  /** Extra copies of every record (duplicate). */
  extraCopies?(magnitude: number): number;
  /** Rewrites an encoded record so that it breaks JSON or the schema (malformed). */
  corrupt?(value: string, random: Random): string;
  /** Multiplier on the fleet's target rate (burst). */
  rateMultiplier?(magnitude: number): number;
}
