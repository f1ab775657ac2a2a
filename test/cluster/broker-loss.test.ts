/**
 * The broker dies mid-run (SIGKILL, a broker of this test's own): surge does not hang, counts the
 * records that could not be delivered as failed with the client's error code, accounts for every
 * generated record, and exits 1.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { ownBroker } from "../helpers/broker.ts";
import { startSurge, uniquePrefix } from "../helpers/surge.ts";

const { state, script } = ownBroker("loss");

after(() => script("down"));

interface Summary {
  totals: { generated: number; acked: number; failed: number; unsent: number };
  errors: { topic: string; code: string; count: number }[];
}

test(
  "broker killed mid-run: failures counted with their code, nothing unaccounted, exit 1",
  { timeout: 180_000 },
  async () => {
    const brokers = await script("up");
    const summaryPath = join(tmpdir(), `${uniquePrefix("loss")}summary.json`);
    const surge = startSurge([
      "--scenario",
      "industrial",
      "--brokers",
      brokers,
      "--rate",
      "2000",
      "--duration",
      "10s",
      "--interval",
      "500ms",
      "--topic-prefix",
      uniquePrefix("loss"),
      "--no-tui",
      "--retries",
      "2",
      "--summary-json",
      summaryPath,
    ]);
    await surge.waitFor(/records [1-9][\d,]* /);
    const pid = (await readFile(join(state, "pid"), "utf8")).trim();
    process.kill(Number(pid), "SIGKILL");
    const result = await surge.done;
    assert.equal(result.code, 1, result.stderr);
    const s = JSON.parse(await readFile(summaryPath, "utf8")) as Summary;
    assert.ok(s.totals.acked > 0, "nothing acked before the kill");
    assert.ok(s.totals.failed > 0, "nothing failed after the kill");
    assert.equal(s.totals.acked + s.totals.failed + s.totals.unsent, s.totals.generated);
    assert.ok(s.errors.length > 0 && s.errors.every((e) => /^[A-Z_]+$/.test(e.code)), JSON.stringify(s.errors));
    // The ground truth (run end) could not be written either: shown as an error of its own topic.
    const [truthErrors, recordErrors] = [
      s.errors.filter((e) => e.topic === "surge.anomalies"),
      s.errors.filter((e) => e.topic !== "surge.anomalies"),
    ];
    assert.ok(truthErrors.length > 0, JSON.stringify(s.errors));
    assert.equal(
      recordErrors.reduce((sum, e) => sum + e.count, 0),
      s.totals.failed,
    );
  },
);
