/**
 * A representative subset of the fault matrix (npm run test:faults runs all of it) on a
 * three-broker cluster of this test's own: the leader of partition 0 killed with SIGKILL and
 * restarted after 10 s under --acks all (acked records must all be in Kafka), and frozen with
 * SIGSTOP for 15 s under --idempotent (no loss, no duplicates, no reordering), and (as root, for
 * its nftables rules) cut off from clients for 20 s under --idempotent. Modest rate: the machine
 * is shared (45 s runs: the cut heals about 29 s in).
 */
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { runMatrix } from "../../scripts/faults/matrix.ts";
import { markdownTable } from "../../scripts/faults/table.ts";

const root = process.getuid?.() === 0;

test(
  "fault matrix subset: leader hard bounce × acks all, leader SIGSTOP × idempotent, leader cut from clients × idempotent",
  { timeout: 900_000 },
  async () => {
    const cells: Array<[string, string]> = [
      ["hard", "all"],
      ["sigstop", "idempotent"],
      ...(root ? [["client-cut", "idempotent"] as [string, string]] : []),
    ];
    const log: string[] = [];
    const started = Date.now();
    const reports = await runMatrix({
      // 45 s: the 20 s cut from clients heals about 29 s in, and "back at rate" is judged from the heal.
      rate: 1000,
      durationS: 45,
      faultAtS: 8,
      cells,
      state: join(tmpdir(), `surge-kafka-faults-${process.pid}`),
      log: (line) => log.push(line),
    });
    const table = markdownTable(reports, "test/cluster/faults.test.ts", (Date.now() - started) / 1000);
    assert.equal(reports.length, cells.length);
    for (const r of reports) {
      assert.ok(r.totals && r.totals.acked > 0, `${r.fault} × ${r.mode}: nothing acked\n${table}\n${log.join("\n")}`);
      assert.deepEqual(r.failures, [], `${r.fault} × ${r.mode} failed\n${table}\n${log.join("\n")}`);
    }
  },
);
