/** surge watch's feed: merged rates steady between the instances' reports, the fleet's own target. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { FleetSnapshots } from "../../../src/fleet/fleet-snapshot.ts";
import { FleetView } from "../../../src/fleet/fleet-view.ts";
import type { FleetMessage } from "../../../src/fleet/message.ts";

const T0 = 1_800_000_000_000;

function report(instance: string, seq: number, atMs: number, acked: number, targetRate: number): FleetMessage {
  return {
    v: 1,
    fleet: "f",
    run: "r",
    instance,
    host: "h",
    kind: "interval",
    seq,
    atMs,
    state: "running",
    targetRate,
    topics: [{ name: "data", generated: acked, acked, failed: 0, unsent: 0, bytes: acked * 100 }],
    intervals: [],
  };
}

test("the merged rate holds steady between instances' reports (no 0 / double jumps), the target is the fleet's", () => {
  const view = new FleetView("f");
  const snapshots = new FleetSnapshots(view, T0);
  const perSec = [100, 300];
  const seen: number[] = [];
  // Two instances reporting once a second, half a second apart; the dashboard polls at 10 Hz.
  for (let ms = 0; ms <= 8000; ms += 100) {
    perSec.forEach((rate, i) => {
      const phase = i * 500;
      if (ms >= phase && (ms - phase) % 1000 === 0) {
        const seq = (ms - phase) / 1000 + 1;
        view.add(report(`i${i}`, seq, T0 + ms, rate * seq, ms >= 4000 ? 440 : 400));
      }
    });
    const s = snapshots.take(T0 + ms, "", []);
    if (ms >= 4000) seen.push(s.ackedPerSec);
    if (ms === 8000) assert.equal(s.targetRate, 440, "the latest report's target, not a sum");
  }
  const total = perSec.reduce((a, b) => a + b, 0);
  for (const r of seen) assert.ok(Math.abs(r - total) <= total * 0.25, `rate ${r} near ${total}`);
});
