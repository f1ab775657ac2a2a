/** Errors of surge's own connections: a `type` (classify-error.ts reads it as the code) and whether trying again may help. */

export function connectionError(type: string, message: string, retriable = true): Error {
  return Object.assign(new Error(message), { type, retriable });
}

/** A refused login: never retried, never quoting the secret. */
export function saslFailure(message: string): Error {
  return connectionError("SASL_AUTHENTICATION_FAILED", message, false);
}
