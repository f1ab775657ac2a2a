/** Turns kafkajs errors into a stable code (the broker's error name where there is one). */

export interface ClassifiedError {
  code: string;
  message: string;
}

const BY_NAME: Record<string, string> = {
  KafkaJSConnectionError: "CONNECTION_ERROR",
  KafkaJSConnectionClosedError: "CONNECTION_CLOSED",
  KafkaJSRequestTimeoutError: "REQUEST_TIMED_OUT",
  KafkaJSMetadataNotLoaded: "METADATA_NOT_LOADED",
  KafkaJSTopicMetadataNotLoaded: "METADATA_NOT_LOADED",
  KafkaJSSASLAuthenticationError: "SASL_AUTHENTICATION_FAILED",
  KafkaJSBrokerNotFound: "BROKER_NOT_FOUND",
  KafkaJSNoBrokerAvailableError: "NO_BROKER_AVAILABLE",
  KafkaJSTimeout: "TIMEOUT",
};

/** kafkajs errors that only wrap the one that mattered. */
const WRAPPERS = new Set(["KafkaJSNumberOfRetriesExceeded", "KafkaJSNonRetriableError", "KafkaJSError"]);

interface ErrorLike {
  name?: unknown;
  type?: unknown;
  message?: unknown;
  cause?: unknown;
  originalError?: unknown;
  errors?: unknown;
}

export function classifyError(error: unknown): ClassifiedError {
  const current = innermost(error);
  const message = typeof current?.message === "string" ? current.message : String(error);
  if (typeof current?.type === "string" && current.type.length > 0) return { code: current.type, message };
  const name = typeof current?.name === "string" ? current.name : "";
  return { code: BY_NAME[name] ?? (name.replace(/^KafkaJS/, "") || "UNKNOWN"), message };
}

/**
 * Whether trying again may help, judged by the error that mattered: kafkajs wraps a refused
 * connection in "retries exceeded" (non-retriable) even with retries set to 0.
 */
export function isRetriable(error: unknown): boolean {
  const inner = innermost(error);
  if (classifyError(error).code === "SASL_AUTHENTICATION_FAILED") return false;
  return (inner as { retriable?: unknown } | undefined)?.retriable !== false;
}

function innermost(error: unknown): ErrorLike | undefined {
  let current = error as ErrorLike | undefined;
  // Retries wrap the error that mattered; unwrap to the innermost one.
  for (let depth = 0; depth < 5 && current; depth++) {
    const inner = current.originalError ?? current.cause;
    if (WRAPPERS.has(String(current.name)) && inner && typeof inner === "object") {
      current = inner as ErrorLike;
      continue;
    }
    if (current.name === "KafkaJSAggregateError" && Array.isArray(current.errors) && current.errors[0]) {
      current = current.errors[0] as ErrorLike;
      continue;
    }
    break;
  }
  return current;
}
