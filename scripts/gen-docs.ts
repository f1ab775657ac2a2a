/**
 * Writes docs/flags.md from the table `surge --help` prints (src/cli/help.ts). `--check` fails when
 * the file is stale; test/unit/cli/flags-doc.test.ts does the same in npm test.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { flagsMarkdown } from "../src/cli/help-markdown.ts";

const target = fileURLToPath(new URL("../docs/flags.md", import.meta.url));
const text = flagsMarkdown();
if (process.argv.includes("--check")) {
  if (readFileSync(target, "utf8") !== text) {
    console.error("docs/flags.md is stale: run npm run gen:docs");
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  console.log("wrote docs/flags.md");
}
