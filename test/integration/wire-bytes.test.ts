/**
 * One produce path everywhere: Node (tsx), Bun (the binary's runtime, no build-time patches) and
 * Deno encode the same fixed-seed records into byte-identical Produce requests. gzip and zstd come
 * from each runtime's own zlib, whose compressed bytes differ (the records inside do not: the
 * broker round trips in codecs.test.ts and producer-settings.test.ts read them back).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { repoRoot } from "../helpers/broker.ts";
import { runProcess } from "../helpers/surge.ts";

const bin = (name: string): string => join(repoRoot, "node_modules/.bin", name);

async function hashes(command: string, args: string[]): Promise<Map<string, string>> {
  const r = await runProcess(command, args, { env: { ...process.env, NO_COLOR: "1" } });
  assert.equal(r.code, 0, r.stderr);
  return new Map(
    r.stdout
      .trim()
      .split("\n")
      .map((l) => l.split(" ") as [string, string]),
  );
}

test("node, bun and deno put the same bytes on the wire (none, snappy, lz4)", { timeout: 120_000 }, async () => {
  const node = await hashes(process.execPath, ["--import", "tsx", "scripts/wire-bytes.ts"]);
  const bun = await hashes(bin("bun"), ["scripts/wire-bytes.ts"]);
  const deno = await hashes(bin("deno"), ["run", "-A", "scripts/wire-bytes.ts"]);
  for (const codec of ["none", "snappy", "lz4"]) {
    assert.match(node.get(codec) ?? "", /^[0-9a-f]{64}$/);
    assert.equal(bun.get(codec), node.get(codec), `bun ${codec}`);
    assert.equal(deno.get(codec), node.get(codec), `deno ${codec}`);
  }
});
