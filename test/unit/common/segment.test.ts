import assert from "node:assert/strict";
import { test } from "node:test";
import {
  equalSegment,
  ownedCount,
  ownedItems,
  owns,
  parseSegment,
  partOf,
  segmentText,
  tilesWhole,
  type Segment,
} from "../../../src/common/segment.ts";
import { DeviceShare } from "../../../src/engine/device-share.ts";

const seg = (text: string): Segment => {
  const p = parseSegment(text);
  if (!p.ok) assert.fail(`${text}: ${p.problem}`);
  return p.value;
};

test("i/N is the i-th of N equal shares; FROM:TO takes fractions in lowest terms", () => {
  assert.equal(segmentText(seg("0/3")), "0:1/3");
  assert.equal(segmentText(seg("2/3")), "2/3:1");
  assert.equal(segmentText(seg("2/8:4/8")), "1/4:1/2");
  assert.equal(segmentText(seg("0:1")), "0:1");
  assert.deepEqual(parseSegment(segmentText(seg("1/4:3/4"))), { ok: true, value: seg("1/4:3/4") });
});

test("bad segments are refused with what to write instead", () => {
  for (const bad of ["", "3", "a/b", "1/0", "1/2:1/3", "1/2:1/2", "0:1:2", "-1/3", "5/4:1"]) {
    assert.equal(parseSegment(bad).ok, false, bad);
  }
  assert.deepEqual(parseSegment("3/3"), {
    ok: false,
    problem: "must have i below N (shares are counted from 0: 0/3 ... 2/3)",
  });
  assert.deepEqual(parseSegment("1/2:1/4"), {
    ok: false,
    problem: "must have FROM below TO (an empty share owns nothing)",
  });
});

test("equal shares own every device exactly once, striped near their share", () => {
  for (let n = 1; n <= 7; n++) {
    const shares = Array.from({ length: n }, (_, i) => equalSegment(i, n));
    for (const devices of [0, 1, 2, 5, 13, 60, 1000, 100_000]) {
      const counts = shares.map((s) => ownedCount(s, devices));
      assert.equal(
        counts.reduce((a, b) => a + b, 0),
        devices,
        `n=${n} devices=${devices}`,
      );
      for (let d = 0; d < Math.min(devices, 2000); d++)
        assert.equal(shares.filter((s) => owns(s, d)).length, 1, `n=${n} device ${d}`);
      // The golden-ratio step keeps every share within a few devices of its exact part.
      for (const c of counts)
        assert.ok(Math.abs(c - devices / n) <= 3, `n=${n} devices=${devices}: ${counts.join(",")}`);
    }
  }
  // Striped: the first devices of a fleet are spread over the instances, not all on the first.
  assert.deepEqual(
    [0, 1, 2].map((i) => ownedItems(equalSegment(i, 3), 9).length > 0),
    [true, true, true],
  );
});

test("a total without identity (--count) splits exactly by the shares' bounds", () => {
  for (const total of [1, 7, 1000, 999_999]) {
    const parts = [0, 1, 2].map((i) => partOf(equalSegment(i, 3), total));
    assert.equal(
      parts.reduce((a, b) => a + b, 0),
      total,
    );
  }
});

test("uneven rational shares tile the fleet too, each owning its fraction give or take one", () => {
  const shares = ["0:1/4", "1/4:1/2", "1/2:1"].map(seg);
  assert.ok(tilesWhole(shares));
  const devices = 1001;
  const all = shares.flatMap((s) => [...ownedItems(s, devices)]).sort((a, b) => a - b);
  assert.deepEqual(
    all,
    Array.from({ length: devices }, (_, d) => d),
  );
  const counts = shares.map((s) => ownedCount(s, devices));
  for (const [i, want] of [250.25, 250.25, 500.5].entries())
    assert.ok(Math.abs((counts[i] as number) - want) <= 3, counts.join(","));
});

test("tilesWhole finds gaps and overlaps", () => {
  assert.equal(tilesWhole(["0:1/3", "1/3:2/3"].map(seg)), false, "gap at the end");
  assert.equal(tilesWhole(["0:1/2", "1/3:1"].map(seg)), false, "overlap");
  assert.equal(tilesWhole(["2/3:1", "0:1/3", "1/3:2/3"].map(seg)), true, "any order");
});

test("the instances' parts of a rate add up to it, and each takes its own devices in turn", () => {
  const devices = 10;
  const parts = [0, 1, 2].map((i) => new DeviceShare(devices, equalSegment(i, 3)));
  const rate = 1234.5;
  const sum = parts.reduce((a, p) => a + (p.part(rate) as number), 0);
  assert.ok(Math.abs(sum - rate) < 1e-9, `${sum}`);
  const taken = parts.map((p) => Array.from({ length: p.count * 2 }, () => p.take()));
  for (const [i, list] of taken.entries()) {
    const own = [...ownedItems(equalSegment(i, 3), devices)];
    assert.deepEqual(list, [...own, ...own]);
  }
  const whole = new DeviceShare(devices, undefined);
  assert.equal(whole.part(rate), rate);
  assert.equal(whole.part("max"), "max");
  assert.deepEqual(
    Array.from({ length: 11 }, () => whole.take()),
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0],
  );
});
