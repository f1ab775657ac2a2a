import { test } from "node:test";
import assert from "node:assert/strict";
import { resolveSettings, type ResolveInput } from "../../../src/config/resolve.ts";
import { parseProfile } from "../../../src/config/profile.ts";
import { profileRate } from "../../../src/engine/rate-profile.ts";
import { ANOMALY_KINDS } from "../../../src/sim/anomalies/index.ts";
import { parseControlLine } from "../../../src/cli/control-line.ts";

const base = "model: lab\ndevices: 50\ntopics: {data: sensor-data}\n";

function resolve(yaml: string, flags: ResolveInput["flags"] = {}) {
  return resolveSettings({
    flags,
    env: {},
    builtins: { lab: yaml },
    readFile: () => {
      throw new Error("no files");
    },
    isTTY: false,
    randomSeed: () => 1,
    anomalyKinds: ANOMALY_KINDS,
    ...(flags.scenario ? {} : { flags: { ...flags, scenario: "lab" } }),
  });
}

test("rate profiles: each form parses, and the rate follows it over time", () => {
  const ramp = parseProfile("ramp:100-5000/2m");
  assert.deepEqual(ramp, { kind: "ramp", from: 100, to: 5000, durationMs: 120_000 });
  assert.equal(profileRate(ramp!, 60_000), 2550);
  assert.equal(profileRate(ramp!, 600_000), 5000);
  const step = parseProfile("step:1000,5000,2000/30s")!;
  assert.deepEqual(
    [0, 29_999, 30_000, 75_000, 1e9].map((t) => profileRate(step, t)),
    [1000, 1000, 5000, 2000, 2000],
  );
  const sine = parseProfile("sine:1000-5000/60s")!;
  assert.deepEqual(
    [0, 15_000, 30_000, 60_000].map((t) => Math.round(profileRate(sine, t))),
    [1000, 3000, 5000, 1000],
  );
  const spike = parseProfile("spike:1000-8000/60s/5s")!;
  assert.deepEqual(
    [0, 4_999, 5_000, 60_001].map((t) => profileRate(spike, t)),
    [8000, 8000, 1000, 8000],
  );
  assert.deepEqual(parseProfile("constant:3000"), { kind: "constant", rate: 3000 });
  for (const bad of [
    "ramp",
    "ramp:100/2m",
    "sine:5000-1000/60s",
    "spike:1-2/5s/60s",
    "step:1,x/1s",
    "wave:1-2/3s",
    "constant:0",
  ]) {
    assert.equal(parseProfile(bad), undefined, bad);
  }
});

test("--profile beats the file's profile; a bad one is one clear line", () => {
  const fromFile = resolve(`${base}profile: constant:30\n`);
  assert.ok("settings" in fromFile && fromFile.settings.profile?.kind === "constant");
  const fromFlag = resolve(`${base}profile: constant:30\n`, { profile: "sine:10-20/1m", rate: "5" });
  assert.ok("settings" in fromFlag);
  assert.equal(fromFlag.settings.profile?.kind, "sine");
  assert.deepEqual(fromFlag.warnings, ["--rate is ignored: the rate profile (--profile) sets the rate"]);
  const bad = resolve(base, { profile: "zigzag" });
  assert.ok("errors" in bad);
  assert.match(bad.errors[0] ?? "", /^--profile: must be a rate profile like constant:3000, .*got "zigzag"$/);
});

test("a timeline is read with each kind's defaults, sorted by time, every bad entry named", () => {
  const ok = resolve(
    `${base}timeline:\n  - at: 1m\n    inject: {kind: stuck, share: 5%, for: 2m}\n  - at: 10s\n    inject: {kind: burst, magnitude: 2}\n`,
  );
  assert.ok("settings" in ok);
  assert.deepEqual(ok.settings.timeline, [
    { atMs: 10_000, kind: "burst", share: 1, durationMs: 10_000, magnitude: 2 },
    { atMs: 60_000, kind: "stuck", share: 0.05, durationMs: 120_000 },
  ]);
  const bad = resolve(
    `${base}timeline:\n  - at: soon\n    inject: {kind: spik, share: 300%}\n  - inject: {kind: late, for: -1s, colour: red}\n`,
  );
  assert.ok("errors" in bad);
  assert.deepEqual(bad.errors, [
    'timeline[0].at: must be a duration like 500ms, 30s, 5m or 1h30m (a plain number means seconds), got "soon"',
    'timeline[0].inject.kind: must name an anomaly kind (did you mean "spike"?), got "spik"',
    'timeline[0].inject.share: must be a share of devices like 5% or 0.05 (above 0, at most 100%), got "300%"',
    "timeline[1].at: required (when to inject, e.g. 30s after the start)",
    'timeline[1].inject: unknown key "colour" (expected one of: kind, share, for, magnitude, topic)',
    'timeline[1].inject.for: must be a duration like 500ms, 30s, 5m or 1h30m (a plain number means seconds), got "-1s"',
  ]);
});

test("ground truth goes to surge.anomalies unless renamed or switched off", () => {
  const on = resolve(base);
  assert.ok("settings" in on && on.settings.truthTopic === "surge.anomalies");
  const renamed = resolve(base, { anomaliesTopic: "qa.truth", topicPrefix: "x." });
  assert.ok("settings" in renamed && renamed.settings.truthTopic === "qa.truth");
  const off = resolve(base, { groundTruth: false });
  assert.ok("settings" in off && off.settings.truthTopic === "");
  const bad = resolve(base, { anomaliesTopic: "no spaces" });
  assert.ok("errors" in bad && /^--anomalies-topic: /.test(bad.errors[0] ?? ""));
});

test("stdin inject lines: kind with defaults, share, duration, magnitude and topic in any order", () => {
  assert.deepEqual(parseControlLine("inject spike"), {
    command: { type: "inject", source: "stdin", anomaly: { kind: "spike", share: 0.05, durationMs: 10_000 } },
  });
  assert.deepEqual(parseControlLine("inject duplicate 20% 2s x2 topic=alerts"), {
    command: {
      type: "inject",
      source: "stdin",
      anomaly: { kind: "duplicate", share: 0.2, durationMs: 2000, magnitude: 2, topic: "alerts" },
    },
  });
  assert.deepEqual(parseControlLine("inject CLOCK-SKEW 1m 0.5"), {
    command: { type: "inject", source: "stdin", anomaly: { kind: "clock-skew", share: 0.5, durationMs: 60_000 } },
  });
  assert.match(
    (parseControlLine("inject") as { error: string }).error,
    /^inject needs an anomaly kind \(spike, drift, stuck, dropout, burst, malformed, duplicate, late, clock-skew\), got nothing$/,
  );
  assert.match(
    (parseControlLine("inject spike 150%") as { error: string }).error,
    /^inject spike: share must be a share of devices/,
  );
  assert.match(
    (parseControlLine("inject spike soon") as { error: string }).error,
    /^inject spike: "soon" is not a share/,
  );
});
