/** docs/flags.md is exactly what help.ts renders: edit help.ts, then npm run gen:docs. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { flagsMarkdown } from "../../../src/cli/help-markdown.ts";
import { helpTable, helpText } from "../../../src/cli/help.ts";

const doc = readFileSync(new URL("../../../docs/flags.md", import.meta.url), "utf8");

test("docs/flags.md is generated from help.ts and up to date (npm run gen:docs)", () => {
  assert.equal(doc, flagsMarkdown(), "docs/flags.md drifted from src/cli/help.ts: run npm run gen:docs");
});

test("every flag --help prints has its row in docs/flags.md", () => {
  const flags = helpTable().flatMap((g) => g.rows.map((r) => r.flag));
  assert.ok(flags.length > 40, `only ${flags.length} flags in the help table`);
  for (const flag of flags) {
    assert.ok(helpText().includes(flag), `--help lacks ${flag}`);
    assert.ok(doc.includes(`| \`${flag.replace(/\|/g, "\\|")}\` |`), `docs/flags.md lacks ${flag}`);
  }
});
