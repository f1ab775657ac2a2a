/**
 * The dashboard as a person uses it: dist/surge in a 100×30 tmux terminal against the real local
 * broker. Every topic shows live rates and latency, `+` raises the target by 10 %, `a` injects a
 * spike that shows on screen and in the consumed records' headers, `q` flushes and exits 0.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ensureBroker } from "../helpers/broker.ts";
import { consumeAll } from "../helpers/consume.ts";
import { surgeBinary, uniquePrefix } from "../helpers/surge.ts";
import { TmuxScreen } from "./tmux.ts";

let brokers = "";
let screen: TmuxScreen | undefined;
before(async () => {
  brokers = await ensureBroker();
});
after(() => screen?.close());

interface TopicRow {
  msgsPerSec: number;
  p50: number;
}

/** The topic table's row for a topic (names may be cut at the front): msgs/s and p50. */
function tableRow(text: string, topic: string): TopicRow | undefined {
  for (const line of text.split("\n")) {
    const words = line.replace(/^›/, "").trim().split(/\s+/);
    const name = words[0] ?? "";
    // topic msgs/s MB/s acked failed in-flight p50 p99 max
    if (words.length !== 9 || !topic.endsWith(name.replace(/^…/, ""))) continue;
    const n = (w: string | undefined): number => Number((w ?? "").replace(/,/g, ""));
    return { msgsPerSec: n(words[1]), p50: n(words[6]) };
  }
  return undefined;
}

const targetOf = (text: string): number | undefined => {
  const m = /^target ([\d,]+)\/s/m.exec(text);
  return m?.[1] ? Number(m[1].replace(/,/g, "")) : undefined;
};

const shell = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;

test(
  "dashboard: live topics, + raises the rate, a injects a spike, q exits 0 with nothing in flight",
  { timeout: 240_000 },
  async () => {
    const prefix = uniquePrefix("dash");
    const summaryPath = join(tmpdir(), `${prefix}summary.json`);
    const topics = [`${prefix}device-data`, `${prefix}alerts`];
    const args = [
      "--scenario",
      "industrial",
      "--brokers",
      brokers,
      "--rate",
      "2000",
      "--topic-prefix",
      prefix,
      "--summary-json",
      summaryPath,
    ];
    // Ink draws nothing live when it thinks it runs in CI; a person's terminal is not CI.
    const command = `clear; env -u CI -u CONTINUOUS_INTEGRATION TERM=xterm-256color ${[surgeBinary, ...args].map(shell).join(" ")}; echo "exit code $?"; sleep 600`;
    screen = new TmuxScreen(command, 100, 30);
    const s = screen;

    // Every topic: a row with acked records per second and a send→ack p50 above zero.
    await s.waitFor("every topic live", (text) => {
      const rows = topics.map((t) => tableRow(text, t));
      return rows.every((r) => r && r.msgsPerSec > 0 && r.p50 > 0) ? rows : undefined;
    });
    assert.equal(targetOf(s.capture()), 2000);

    s.keys("+");
    const raised = await s.waitFor(
      "target after +",
      (text) => (targetOf(text) !== 2000 ? targetOf(text) : undefined),
      10_000,
    );
    assert.equal(raised, 2200);

    s.keys("a");
    await s.waitFor("anomaly menu", (text) => (text.includes("inject anomaly · 1/4 kind") ? true : undefined), 10_000);
    s.keys("Enter"); // spike, the first kind
    await s.waitFor("devices step", (text) => (text.includes("2/4 which devices · spike") ? true : undefined), 10_000);
    s.keys("Enter"); // its default share
    await s.waitFor("duration step", (text) => (text.includes("3/4 for how long") ? true : undefined), 10_000);
    s.keys("Enter"); // its default duration
    await s.waitFor("confirm step", (text) => (text.includes("4/4 confirm") ? true : undefined), 10_000);
    s.keys("Enter");
    const shown = await s.waitFor(
      "spike in the anomalies panel",
      (text) => /^.*anomalies \(1\)[\s\S]*spike .*\d+s left/m.exec(text)?.[0],
      10_000,
    );
    assert.match(shown, /spike/);
    // Let the spike run into some records, then quit.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    s.keys("q");
    const end = await s.waitFor("exit", (text) => (/exit code \d+/.test(text) ? text : undefined), 60_000);
    assert.match(end, /exit code 0/);
    // The last frame stays on screen (scrolled up by the summary printed below it).
    const whole = s.capture(100);
    assert.match(whole, /surge industrial · STOPPED · [\d.ms]+ · closed/);
    assert.ok(whole.indexOf("STOPPED") < whole.indexOf("surge industrial: "), whole);
    assert.match(end, /surge industrial: .* at target 2,200\/s/);

    const summary = JSON.parse(await readFile(summaryPath, "utf8")) as {
      totals: { generated: number; acked: number; failed: number; unsent: number };
      topics: Record<string, { acked: number; generated: number }>;
    };
    assert.ok(summary.totals.generated > 0);
    assert.equal(summary.totals.failed, 0);
    assert.equal(summary.totals.unsent, 0);
    assert.equal(summary.totals.acked, summary.totals.generated, "nothing left in flight");

    const records = await consumeAll(brokers, `${prefix}device-data`);
    assert.equal(records.length, summary.topics[`${prefix}device-data`]?.acked);
    const spiked = records.filter((r) => (r.headers["surge-anomaly"] ?? "").split(",").includes("spike"));
    assert.ok(spiked.length > 0, "no record carries surge-anomaly: spike");
  },
);
