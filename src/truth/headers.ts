/**
 * Kafka headers surge puts on every record: the ground truth `surge verify` and downstream tests
 * read. Values are ASCII strings.
 */
/** The run id (see runId.ts), the same on every record of one run. */
export const HEADER_RUN = "surge-run";
/** Index of the simulated device in the fleet, 0-based, decimal. */
export const HEADER_DEVICE = "surge-device";
/**
 * Per (device, topic) sequence number, decimal, starting at 0 and increasing by one for every
 * record the device builds for that topic, sent or not (dropout leaves a gap on purpose).
 */
export const HEADER_SEQ = "surge-seq";
/**
 * Only on records sampled by --e2e / --follow: "send,intended", epoch ms with 3 decimals (when the
 * record was handed to the producer, when it was due). See docs/e2e.md.
 */
export const HEADER_AT = "surge-at";
/** Present only on records an anomaly touched: the kinds, comma-separated (e.g. "spike,late"). */
export const HEADER_ANOMALY = "surge-anomaly";
