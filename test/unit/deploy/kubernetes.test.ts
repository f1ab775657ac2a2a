/** The Kubernetes manifests pass only flags and environment variables surge knows. */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { parseAllDocuments } from "yaml";
import { parseCli } from "../../../src/cli/flags.ts";
import { FLAG_SPECS } from "../../../src/config/raw-flags.ts";
import { JOB_INDEX_ENV } from "../../../src/config/resolve-segment.ts";

const DIR = new URL("../../../deploy/kubernetes/", import.meta.url).pathname;

interface Container {
  args?: string[];
  command?: string[];
  env?: Array<{ name: string }>;
}

function containers(): Array<{ file: string; container: Container }> {
  return readdirSync(DIR)
    .filter((f) => f.endsWith(".yaml"))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(DIR, file), "utf8")).flatMap((doc) => {
        const spec = doc.toJS() as { spec?: { template?: { spec?: { containers?: Container[] } } } } | null;
        return (spec?.spec?.template?.spec?.containers ?? []).map((container) => ({ file, container }));
      }),
    );
}

test("the manifests hold a surge container", () => {
  assert.ok(containers().length >= 1);
});

test("every flag a manifest passes parses, and every env var is one surge reads", () => {
  const known = new Set([...FLAG_SPECS.flatMap((s) => (s.env ? [s.env] : [])), "KAFKA_BROKERS", JOB_INDEX_ENV]);
  for (const { file, container } of containers()) {
    const parsed = parseCli(container.args ?? []);
    assert.ok(!("errors" in parsed), `${file}: ${"errors" in parsed ? parsed.errors.join("; ") : ""}`);
    for (const e of container.env ?? []) assert.ok(known.has(e.name), `${file}: surge reads no ${e.name}`);
  }
});

test("an Indexed Job's completions match --segments and --expect", () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".yaml"))) {
    for (const doc of parseAllDocuments(readFileSync(join(DIR, file), "utf8"))) {
      const job = doc.toJS() as {
        kind?: string;
        spec?: {
          completions?: number;
          parallelism?: number;
          completionMode?: string;
          template?: { spec?: { containers?: Container[] } };
        };
      };
      if (job?.kind !== "Job") continue;
      assert.equal(job.spec?.completionMode, "Indexed", file);
      const args = job.spec?.template?.spec?.containers?.[0]?.args ?? [];
      const value = (flag: string) => Number(args.find((a) => a.startsWith(`--${flag}=`))?.split("=")[1]);
      assert.equal(value("segments"), job.spec?.completions, `${file}: --segments and completions`);
      assert.equal(value("expect"), job.spec?.completions, `${file}: --expect and completions`);
      assert.equal(
        job.spec?.parallelism,
        job.spec?.completions,
        `${file}: all pods must run at once to start together`,
      );
    }
  }
});
