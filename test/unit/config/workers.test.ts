/** --workers: the workers' shares tile the instance's share exactly; bad counts are refused. */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  equalSegment,
  ownedItems,
  parseSegment,
  partOf,
  segmentText,
  subSegment,
  tilesWhole,
  type Segment,
} from "../../../src/common/segment.ts";
import { resolveSettings, type ResolveInput } from "../../../src/config/resolve.ts";

const LAB = "model: lab\ndevices: 50\nsampleInterval: 500ms\ntopics: {data: sensor-data}\n";

function input(flags: ResolveInput["flags"], cores?: number): ResolveInput {
  return {
    flags: { scenario: "lab", ...flags },
    env: {},
    builtins: { lab: LAB },
    readFile: () => {
      throw new Error("no files here");
    },
    isTTY: false,
    randomSeed: () => 1,
    ...(cores === undefined ? {} : { cores }),
  };
}

const parts = (share: Segment | undefined, n: number): Segment[] =>
  Array.from({ length: n }, (_, k) => subSegment(share, k, n) as Segment);

test("the workers of a whole run are its equal segments", () => {
  assert.deepEqual(
    parts(undefined, 4),
    [0, 1, 2, 3].map((k) => equalSegment(k, 4)),
  );
});

test("the workers of a share split that share exactly, so every device keeps one owner", () => {
  for (const text of ["1/3", "1/4:1/2", "2/7:5/7"]) {
    const parsed = parseSegment(text);
    assert.ok(parsed.ok);
    const share = parsed.value;
    for (const n of [2, 3, 5]) {
      const workers = parts(share, n);
      assert.equal(workers[0]?.from.n, share.from.n);
      assert.equal(segmentText({ from: share.from, to: workers.at(-1)?.to as Segment["to"] }), segmentText(share));
      // With the other instances' shares, the workers tile the whole fleet.
      const others = [
        { from: { n: 0, d: 1 }, to: share.from },
        { from: share.to, to: { n: 1, d: 1 } },
      ].filter((s) => s.from.n * s.to.d < s.to.n * s.from.d);
      assert.ok(tilesWhole([...workers, ...others]), `${text} over ${n}`);
      // Devices: the workers' owned devices are the share's, each once.
      const mine = workers.flatMap((w) => [...ownedItems(w, 1000)]).sort((a, b) => a - b);
      assert.deepEqual(mine, [...ownedItems(share, 1000)]);
      // --count: the workers' parts add up to the share's part.
      const counts = workers.map((w) => partOf(w, 300_000));
      assert.equal(
        counts.reduce((a, b) => a + b, 0),
        partOf(share, 300_000),
      );
    }
  }
});

test("a split too fine for verify to read back is refused", () => {
  const parsed = parseSegment("1/99991:2/99991");
  assert.ok(parsed.ok);
  assert.equal(subSegment(parsed.value, 0, 2), undefined);
});

test("--workers N and auto resolve; 0, words and more workers than devices are refused", () => {
  const ok = resolveSettings(input({ workers: "3" }));
  assert.ok("settings" in ok);
  assert.equal(ok.settings.workers, 3);
  const one = resolveSettings(input({ workers: "1" }));
  assert.ok("settings" in one && one.settings.workers === undefined);
  const auto = resolveSettings(input({ workers: "auto" }, 8));
  assert.ok("settings" in auto && auto.settings.workers === 8);
  // auto never asks for more workers than devices.
  const small = resolveSettings(input({ workers: "auto", devices: "3" }, 64));
  assert.ok("settings" in small && (small.settings.workers ?? 1) <= 3);
  for (const [value, pattern] of [
    ["0", /--workers: must be a whole number/],
    ["x", /--workers: must be a whole number/],
    ["51", /51 workers for 50 devices/],
  ] as const) {
    const r = resolveSettings(input({ workers: value }));
    assert.ok("errors" in r);
    assert.equal(r.errors.length, 1, r.errors.join("\n"));
    assert.match(r.errors[0] ?? "", pattern);
  }
  const e2e = resolveSettings(input({ workers: "2", e2e: true }));
  assert.ok("errors" in e2e && /--e2e/.test(e2e.errors.join("\n")));
  const fewEvents = resolveSettings(input({ workers: "4", count: "2" }));
  assert.ok("errors" in fewEvents && /none of the --count 2 events/.test(fewEvents.errors.join("\n")));
});
