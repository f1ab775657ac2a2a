/**
 * scripts/setup/debian.sh where it cannot install: one line on stderr naming the command to run,
 * exit 1, nothing installed. Driven with a PATH that hides the tools (no root needed for the first).
 */
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const script = new URL("../../../scripts/setup/debian.sh", import.meta.url).pathname;

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A PATH dir holding only the given shell scripts. */
function binDir(scripts: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "surge-setup-test-"));
  chmodSync(dir, 0o755);
  for (const [name, body] of Object.entries(scripts)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

test("no apt-get: one line naming the apt-get command for the missing tools, exit 1", async () => {
  const r = await run("/bin/bash", [script], { PATH: binDir({}) });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "");
  const lines = r.stderr.trim().split("\n");
  assert.equal(lines.length, 1, r.stderr);
  assert.match(
    lines[0]!,
    /^setup: .*tmux.* missing and no apt-get here: .*apt-get install -y --no-install-recommends .*tmux.*, then run npm test again$/,
  );
});

const isRoot = process.getuid?.() === 0;
const hasRunuser = ((): boolean => {
  try {
    execFileSync("/bin/sh", ["-c", "command -v runuser"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

test(
  "not root, sudo wants a password: one line naming the sudo command, apt-get never run",
  {
    skip: isRoot && hasRunuser ? false : "needs root and runuser to act as the user nobody",
  },
  async () => {
    const markerDir = mkdtempSync(join(tmpdir(), "surge-setup-marker-"));
    chmodSync(markerDir, 0o777);
    const marker = join(markerDir, "apt-get-ran");
    const bin = binDir({ "apt-get": `touch '${marker}'; exit 1`, sudo: "echo 'a password is required' >&2; exit 1" });
    const r = await run("runuser", ["-u", "nobody", "--", "/bin/bash", script], { PATH: `${bin}:/usr/sbin:/sbin` });
    assert.equal(r.code, 1);
    const lines = r.stderr.trim().split("\n");
    assert.equal(lines.length, 1, r.stderr);
    assert.match(
      lines[0]!,
      /^setup: .*tmux.* missing and sudo wants a password: run {2}sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends .*tmux.*' {2}then npm test again$/,
    );
    assert.equal(existsSync(marker), false, "apt-get was run");
  },
);
