// A control listener that cannot start leaves no consumer behind: kafkajs would keep retrying its
// group join and keep a finished run's process alive (seen in CI: a 4 s run not ending in 120 s).
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Kafka } from "kafkajs";
import { ControlListener } from "../../../src/fleet/control-listener.ts";

test("a consumer whose subscribe fails is disconnected before the error is passed on", async () => {
  const calls: string[] = [];
  const admin = {
    connect: async () => void calls.push("admin connect"),
    createTopics: async () => true,
    disconnect: async () => void calls.push("admin disconnect"),
  };
  const consumer = {
    connect: async () => void calls.push("connect"),
    subscribe: async () => {
      calls.push("subscribe");
      throw new Error("This server does not host this topic-partition");
    },
    run: async () => void calls.push("run"),
    disconnect: async () => void calls.push("disconnect"),
  };
  const kafka = { admin: () => admin, consumer: () => consumer } as unknown as Kafka;
  const target = { dispatch: () => ({ ok: true, message: "" }) };
  await assert.rejects(
    ControlListener.start(
      kafka,
      "f",
      undefined,
      target as never,
      () => undefined,
      () => undefined,
    ),
    /does not host/,
  );
  assert.deepEqual(calls, ["admin connect", "admin disconnect", "connect", "subscribe", "disconnect"]);
});
