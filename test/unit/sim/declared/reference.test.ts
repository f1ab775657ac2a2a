import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { generatorReference } from "../../../../src/sim/declared/reference.ts";

test("docs/generators.md is what the generator specs render (run npm run gen:generators after changing a generator)", () => {
  const file = readFileSync(new URL("../../../../docs/generators.md", import.meta.url), "utf8");
  assert.equal(file, generatorReference());
});
