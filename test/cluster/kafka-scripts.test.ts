/**
 * scripts/kafka on a broker of this test's own: a node that died is restarted by the next
 * kafka:up with its data (up.sh used to delete a dead broker's state, so restart tests were
 * impossible); kafka:listeners names every listener and credential; a request for another node
 * count while one runs is refused clearly.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, test } from "node:test";
import kafkajs from "kafkajs";
import { ownBroker, parseListeners } from "../helpers/broker.ts";

const broker = ownBroker("scripts");
after(() => broker.script("down"));

test(
  "a killed broker comes back with its data; listeners are listed; another node count is refused",
  { timeout: 240_000 },
  async () => {
    const bootstrap = await broker.script("up");
    const kafka = new kafkajs.Kafka({
      brokers: [bootstrap],
      logLevel: kafkajs.logLevel.NOTHING,
      retry: { retries: 5 },
    });
    const setup = kafka.admin();
    await setup.connect();
    await setup.createTopics({ topics: [{ topic: "kept", numPartitions: 3 }], waitForLeaders: true });
    await setup.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: "kept",
      acks: -1,
      messages: Array.from({ length: 100 }, (_, i) => ({ value: `r${i}` })),
    });
    await producer.disconnect();
    const stored = async (): Promise<number> => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        return (await admin.fetchTopicOffsets("kept")).reduce((sum, o) => sum + Number(o.high), 0);
      } finally {
        await admin.disconnect();
      }
    };
    const before = await stored();
    assert.ok(before >= 100, `only ${before} records stored`);

    await broker.script("fault", "kill", "1");
    assert.equal(await broker.script("up"), bootstrap, "the restarted broker keeps its ports");
    assert.equal(await stored(), before, "the records written before the kill are still there");

    const listeners = parseListeners(
      execFileSync("bash", ["scripts/kafka/listeners.sh"], { env: broker.env, encoding: "utf8" }),
    );
    assert.equal(listeners.PLAINTEXT, bootstrap);
    for (const name of ["SASL_PLAINTEXT", "SSL", "SASL_SSL", "MTLS", "OAUTHBEARER"] as const)
      assert.match(listeners[name], /^127\.0\.0\.1:\d+$/);
    assert.equal(listeners.SASL_USERNAME, "surge-test");

    await assert.rejects(
      broker.script("up", "--brokers", "3"),
      /a 1-broker setup is running in .*; stop it first \(npm run kafka:down\)/,
    );
  },
);
