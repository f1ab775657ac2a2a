/** Under Bun, the latent step of a k read off a YAML triangle runs as fast as plain code (a double k once made it ~20× slower). */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";

const root = new URL("../../../../", import.meta.url).pathname;

test("latentStepper with a k computed by Math.sqrt is within 4× of a plain loop under Bun", { timeout: 60_000 }, () => {
  const script = join(root, "test/unit/sim/copula/stepper-timing.ts");
  const r = spawnSync(join(root, "node_modules/.bin/bun"), [script], { cwd: root, encoding: "utf8", timeout: 50_000 });
  assert.equal(r.status, 0, r.stderr);
  const ratio = Number(r.stdout.trim());
  // 1-2× when the stepper indexes with an int; ~20× (Chicago's 49 columns) with the double.
  assert.ok(ratio < 4, `stepper / plain loop: ${ratio}`);
});
