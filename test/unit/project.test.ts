/** Facts about the project that must stay true: version, bundled scenarios. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { renderBuiltins } from "../../scripts/gen-builtins.ts";
import { VERSION } from "../../src/version.ts";

test("src/version.ts matches package.json", () => {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  assert.equal(VERSION, pkg.version);
});

test("the bundled built-in scenarios are exactly configs/*.yaml (npm run gen:builtins)", () => {
  const current = readFileSync(new URL("../../src/config/builtins.generated.ts", import.meta.url), "utf8");
  assert.equal(current, renderBuiltins());
});
