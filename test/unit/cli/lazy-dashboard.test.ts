// A headless run must not load Ink, React and Yoga: the commands import the dashboard only when
// they draw it (a static import cost every --no-tui run ~65 MB of peak RSS).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

const CLI = new URL("../../../src/cli/", import.meta.url).pathname;

test("no command imports the dashboard statically (import type is fine)", () => {
  const offenders = readdirSync(CLI)
    .filter((f) => /\.tsx?$/.test(f))
    .filter((f) => /^import\s+(?!type\b)[^;]*from\s+"\.\.\/ui\//m.test(readFileSync(join(CLI, f), "utf8")));
  assert.deepEqual(offenders, []);
});
