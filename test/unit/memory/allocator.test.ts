import assert from "node:assert/strict";
import { test } from "node:test";
import { allocatorRelaunch, PURGE_DELAY_ENV, type ProcessFacts } from "../../../src/memory/allocator.ts";

const bun = (over: Partial<ProcessFacts> = {}): ProcessFacts => ({
  env: { PATH: "/usr/bin" },
  bun: "1.4.5",
  platform: "linux",
  execPath: "/opt/surge",
  argv: ["bun", "/$bunfs/root/surge", "--scenario", "lab", "--memory-limit", "off"],
  execArgv: [],
  ...over,
});

test("with --memory-limit off the binary starts itself again with freed memory kept, arguments and environment as given", () => {
  const r = allocatorRelaunch(bun());
  assert.deepEqual(r, {
    file: "/opt/surge",
    args: ["/opt/surge", "--scenario", "lab", "--memory-limit", "off"],
    env: { PATH: "/usr/bin", [PURGE_DELAY_ENV]: "-1" },
  });
});

test("bun FILE starts FILE again, with bun's own flags", () => {
  const r = allocatorRelaunch(
    bun({ execPath: "/usr/bin/bun", argv: ["/usr/bin/bun", "/src/main.ts", "--memory-limit=0"], execArgv: ["--smol"] }),
  );
  assert.deepEqual(r?.args, ["/usr/bin/bun", "--smol", "/src/main.ts", "--memory-limit=0"]);
});

test("the limit off in the environment, unless a flag sets one", () => {
  const argv = ["bun", "/$bunfs/root/surge", "--dry-run"];
  assert.ok(allocatorRelaunch(bun({ argv, env: { SURGE_MEMORY_LIMIT: "OFF" } })));
  assert.equal(
    allocatorRelaunch(bun({ argv: [...argv, "--memory-limit", "512m"], env: { SURGE_MEMORY_LIMIT: "0" } })),
    undefined,
  );
});

test("no second start: a memory limit (the default), the user's own setting, Node or Deno, another system, help", () => {
  assert.equal(allocatorRelaunch(bun({ argv: ["bun", "/$bunfs/root/surge", "--scenario", "lab"] })), undefined);
  assert.equal(allocatorRelaunch(bun({ env: { [PURGE_DELAY_ENV]: "10" } })), undefined);
  assert.equal(allocatorRelaunch(bun({ bun: undefined })), undefined);
  assert.equal(allocatorRelaunch(bun({ platform: "darwin" })), undefined);
  assert.equal(
    allocatorRelaunch(bun({ argv: ["bun", "/$bunfs/root/surge", "--memory-limit", "0", "--help"] })),
    undefined,
  );
});
