/**
 * The README stays a short front page: at most 300 lines, its layout paragraph names every room
 * (folder) under src/, and every relative link in it and in docs/ points at a file and heading
 * that exist.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const readme = readFileSync(join(root, "README.md"), "utf8");

function dirsUnder(dir: string): string[] {
  return readdirSync(join(root, dir))
    .filter((name) => statSync(join(root, dir, name)).isDirectory())
    .flatMap((name) => [`${dir}/${name}`, ...dirsUnder(`${dir}/${name}`)]);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

function anchors(file: string): Set<string> {
  const text = readFileSync(file, "utf8").replace(/^```[\s\S]*?^```/gm, "");
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!.trim())));
}

test("the README is at most 300 lines", () => {
  const lines = readme.split("\n").length;
  assert.ok(lines <= 300, `README.md has ${lines} lines: move details to a docs/ page and link it`);
});

test("the README's layout paragraph names every room under src/", () => {
  const layout = readme.slice(readme.indexOf("## Development"));
  const missing = dirsUnder("src").filter((dir) => !layout.includes(`\`${dir}\``));
  assert.deepEqual(missing, [], `name these folders in the README's Development section: ${missing.join(", ")}`);
});

test("every relative link in README.md and docs/*.md leads to a file (and heading) that exists", () => {
  const files = [
    "README.md",
    ...readdirSync(join(root, "docs"))
      .filter((f) => f.endsWith(".md"))
      .map((f) => `docs/${f}`),
  ];
  const broken: string[] = [];
  for (const file of files) {
    const text = readFileSync(join(root, file), "utf8").replace(/^```[\s\S]*?^```/gm, "");
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue;
      const [path = "", anchor] = target!.split("#");
      const resolved = path === "" ? join(root, file) : join(root, dirname(file), path);
      if (!existsSync(resolved)) broken.push(`${file}: ${target} (no ${relative(root, resolved)})`);
      // Case-insensitive: browsers on GitHub find #itemEpc at the heading "itemEpc" as well.
      else if (anchor && resolved.endsWith(".md") && !anchors(resolved).has(anchor.toLowerCase()))
        broken.push(`${file}: ${target} (no such heading)`);
    }
  }
  assert.deepEqual(broken, []);
});
