import assert from "node:assert/strict";
import { test } from "node:test";
import { parseCli } from "../../../src/cli/flags.ts";
import { Checker } from "../../../src/config/checker.ts";
import type { RawFlags } from "../../../src/config/raw-flags.ts";
import { Sources } from "../../../src/config/sources.ts";
import { MAX_RATE_SAMPLE, resolveE2e } from "../../../src/config/resolve-e2e.ts";

const TWO = [
  { role: "data", name: "p-device-data" },
  { role: "alerts", name: "p-alerts" },
];
const ONE = [{ role: "events", name: "events" }];

function resolve(argv: string[], topics = TWO, rateIsMax = false) {
  const parsed = parseCli(["run", ...argv]);
  assert.ok(!("errors" in parsed), JSON.stringify(parsed));
  const check = new Checker();
  const settings = resolveE2e(new Sources(parsed.flags as RawFlags, {}, check), topics, rateIsMax);
  return { settings, errors: check.errors };
}

test("--e2e alone reads back every topic, all records sampled", () => {
  const { settings, errors } = resolve(["--e2e"]);
  assert.deepEqual(errors, []);
  assert.equal(settings?.readBack, true);
  assert.equal(settings?.sample, 1);
  assert.deepEqual(settings?.follows, []);
});

test("at --rate max --e2e stamps every 10th record unless told; --follow keeps all", () => {
  assert.equal(resolve(["--e2e"], TWO, true).settings?.sample, MAX_RATE_SAMPLE);
  assert.equal(resolve(["--e2e", "--e2e-sample", "100%"], TWO, true).settings?.sample, 1);
  assert.equal(resolve(["--e2e", "--follow", "out=data"], TWO, true).settings?.sample, 1);
});

test("--follow-brokers: the cluster of the outputs, only with --follow", () => {
  const { settings, errors } = resolve(["--follow", "out=data", "--follow-brokers", "b1:9093,b2"]);
  assert.deepEqual(errors, []);
  assert.deepEqual(settings?.followBrokers, ["b1:9093", "b2:9092"]);
  assert.match(resolve(["--e2e", "--follow-brokers", "b1"]).errors.join("\n"), /--follow-brokers needs --follow/);
  assert.match(resolve(["--follow", "o=data", "--follow-brokers", "a b"]).errors.join("\n"), /--follow-brokers/);
});

test("--follow repeats, OUT=IN by name or role; a sole topic needs no IN", () => {
  const { settings, errors } = resolve([
    "--follow",
    "out1=data",
    "--follow",
    "out2=p-alerts",
    "--e2e-sample",
    "1%",
    "--follow-grace",
    "3s",
  ]);
  assert.deepEqual(errors, []);
  assert.deepEqual(settings?.follows, [
    { out: "out1", in: "p-device-data" },
    { out: "out2", in: "p-alerts" },
  ]);
  assert.equal(settings?.readBack, false);
  assert.equal(settings?.sample, 0.01);
  assert.equal(settings?.graceMs, 3000);
  assert.deepEqual(resolve(["--follow", "piped"], ONE).settings?.follows, [{ out: "piped", in: "events" }]);
});

test("bad --follow / --match / --e2e-sample: one line each, naming the fix", () => {
  assert.match(resolve(["--follow", "out"]).errors.join("\n"), /surge writes 2 topics .*--follow out=TOPIC/);
  assert.match(resolve(["--follow", "out=nope"]).errors.join("\n"), /"nope" is not a topic this run writes/);
  assert.match(resolve(["--follow", "events=events"], ONE).errors.join("\n"), /must differ/);
  assert.match(resolve(["--follow", "o=data", "--match", "id"]).errors.join("\n"), /not a path like \$\.event_id/);
  assert.match(resolve(["--e2e", "--e2e-sample", "0"]).errors.join("\n"), /--e2e-sample: must be a share/);
  assert.match(resolve(["--e2e-sample", "1%"]).errors.join("\n"), /--e2e-sample needs --e2e or --follow/);
  assert.match(resolve(["--e2e", "--match", "$.id"]).errors.join("\n"), /--match needs --follow/);
});
