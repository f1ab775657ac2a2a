import assert from "node:assert/strict";
import { test } from "node:test";
import kafkajs from "kafkajs";
import { classifyError, isRetriable } from "../../../src/kafka/classify-error.ts";

// kafkajs' typings describe these constructors narrower than its code; use them as the code does.
type ErrorClass = new (e: unknown, options?: object) => Error;
const KafkaJSProtocolError = kafkajs.KafkaJSProtocolError as unknown as ErrorClass;
const KafkaJSNumberOfRetriesExceeded = kafkajs.KafkaJSNumberOfRetriesExceeded as unknown as ErrorClass;
const KafkaJSConnectionError = kafkajs.KafkaJSConnectionError as unknown as ErrorClass;
const KafkaJSNonRetriableError = kafkajs.KafkaJSNonRetriableError as unknown as ErrorClass;

test("a broker error keeps the broker's name", () => {
  const e = new KafkaJSProtocolError({
    message: "This server is not the leader",
    type: "NOT_LEADER_OR_FOLLOWER",
    code: 6,
    retriable: true,
  });
  assert.deepEqual(classifyError(e), { code: "NOT_LEADER_OR_FOLLOWER", message: "This server is not the leader" });
});

test("retries exhausted: the code of the error that was retried", () => {
  const inner = new KafkaJSProtocolError({
    message: "Request timed out",
    type: "REQUEST_TIMED_OUT",
    code: 7,
    retriable: true,
  });
  const e = new KafkaJSNumberOfRetriesExceeded(inner, { retryCount: 5, retryTime: 100 });
  assert.equal(classifyError(e).code, "REQUEST_TIMED_OUT");
});

test("a connection error wrapped as non-retriable is a CONNECTION_ERROR", () => {
  const inner = new KafkaJSConnectionError("Connection error: connect ECONNREFUSED 127.0.0.1:9");
  const e = new KafkaJSNonRetriableError(inner, { cause: inner });
  assert.deepEqual(classifyError(e), {
    code: "CONNECTION_ERROR",
    message: "Connection error: connect ECONNREFUSED 127.0.0.1:9",
  });
});

test("anything else is named, never thrown away", () => {
  assert.equal(classifyError(new Error("boom")).code, "Error");
  assert.equal(classifyError("text").code, "UNKNOWN");
});

test("a refused connection wrapped in 'retries exceeded' is still worth retrying; a bad password or a non-retriable broker error is not", () => {
  const refused = new KafkaJSConnectionError("Connection error: connect ECONNREFUSED 127.0.0.1:9");
  assert.equal(isRetriable(new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 0, retryTime: 100 })), true);
  const tooLarge = new KafkaJSProtocolError({
    message: "too large",
    type: "MESSAGE_TOO_LARGE",
    code: 10,
    retriable: false,
  });
  assert.equal(isRetriable(tooLarge), false);
  const sasl = Object.assign(new Error("bad password"), { name: "KafkaJSSASLAuthenticationError" });
  assert.equal(isRetriable(sasl), false);
});
