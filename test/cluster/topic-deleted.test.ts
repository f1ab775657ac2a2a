/**
 * One topic deleted mid-run (a broker of this test's own): its records fail with the broker's
 * reason, the other topic goes on being acked, the run ends on time and the summary names the
 * missing topic rather than blaming the producer.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { kafkaClasspath } from "../helpers/broker.ts";
import { runTool } from "../helpers/kafka-tools.ts";
import { privateBroker } from "../helpers/private-broker.ts";
import { startSurge, uniquePrefix } from "../helpers/surge.ts";

const broker = privateBroker("topic-deleted");
let brokers = "";
before(async () => {
  brokers = await broker.up();
});
after(() => broker.down());

interface TopicSummary {
  generated: number;
  acked: number;
  failed: number;
  unsent: number;
}
interface Summary {
  elapsedSeconds: number;
  behind: number;
  totals: TopicSummary;
  topics: Record<string, TopicSummary>;
  errors: { topic: string; code: string; message: string; count: number }[];
}

test(
  "a topic deleted mid-run fails alone; the other topic flows and the run ends on time",
  { timeout: 180_000 },
  async () => {
    const prefix = uniquePrefix("deleted");
    const summaryPath = join(tmpdir(), `${prefix}summary.json`);
    const surge = startSurge([
      "--scenario",
      "industrial",
      "--brokers",
      brokers,
      "--rate",
      "1000",
      "--duration",
      "45s",
      "--interval",
      "500ms",
      "--topic-prefix",
      prefix,
      "--no-tui",
      "--summary-json",
      summaryPath,
    ]);
    await surge.waitFor(/device-data records [1-9][\d,]* /, 60_000);
    const started = Date.now();
    await runTool("java", [
      "-Xmx256m",
      "-cp",
      await kafkaClasspath(),
      "org.apache.kafka.tools.TopicCommand",
      "--bootstrap-server",
      brokers,
      "--delete",
      "--topic",
      `${prefix}device-data`,
    ]);
    const deletedAfterMs = Date.now() - started;
    // Kafka's tool is a JVM: on a loaded machine it may take a while, but the run must still be going.
    assert.ok(deletedAfterMs < 30_000, `the topic was deleted only ${deletedAfterMs} ms later`);
    const result = await surge.done;
    assert.equal(result.code, 1, `${result.stdout}\n${result.stderr}`);
    const s = JSON.parse(await readFile(summaryPath, "utf8")) as Summary;
    assert.ok(
      s.elapsedSeconds < 48,
      `the run took ${s.elapsedSeconds} s of a 45 s duration (deleted after ${deletedAfterMs} ms)`,
    );
    const data = s.topics[`${prefix}device-data`]!;
    const alerts = s.topics[`${prefix}alerts`]!;
    assert.ok(data.failed > 0, JSON.stringify(data));
    assert.equal(data.acked + data.failed + data.unsent, data.generated);
    // The healthy topic lost nothing and was not held up.
    assert.ok(alerts.generated > 0);
    assert.equal(alerts.acked, alerts.generated, JSON.stringify(alerts));
    // Only a loaded machine's hiccups may skip events; a stalled producer skipped tens of thousands.
    assert.ok(s.behind < 2000, `${s.behind} events skipped as behind although only one topic broke`);
    const dataErrors = s.errors.filter((e) => e.topic === `${prefix}device-data`);
    assert.ok(
      dataErrors.length > 0 && dataErrors.every((e) => e.code === "UNKNOWN_TOPIC_OR_PARTITION"),
      JSON.stringify(s.errors),
    );
    assert.match(result.stdout, /does not exist/);
    assert.doesNotMatch(result.stdout, /could not keep up/);
    // Failures showed while the run went on, not only in the final summary.
    assert.match(result.stdout, /last error .*device-data UNKNOWN_TOPIC_OR_PARTITION/);
  },
);
