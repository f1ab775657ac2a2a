/** docs/flags.md: the --help table (help.ts) as Markdown, so the reference cannot drift from the binary. */
import { COMMANDS } from "./commands.ts";
import { HELP_EXAMPLES, HELP_EXIT_CODES, HELP_PRECEDENCE, helpTable } from "./help.ts";

/** A table cell: pipes would end the cell, newlines the row. */
const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const code = (text: string): string => `\`${text}\``;

export function flagsMarkdown(): string {
  const lines = [
    "<!-- Generated from src/cli/help.ts by npm run gen:docs; do not edit (a unit test fails when it drifts). -->",
    "# Flags",
    "",
    "Everything `surge --help` prints, as tables. [Back to the README](../README.md).",
    "",
    "## Commands",
    "",
    "| Command | What it does |",
    "| --- | --- |",
    ...COMMANDS.map((c) => `| ${cell(code(c.usage))} | ${cell(c.summary)} |`),
    "",
  ];
  for (const { title, rows } of helpTable()) {
    lines.push(`## ${title}`, "", "| Flag | What it does | Default | Environment |", "| --- | --- | --- | --- |");
    for (const r of rows) {
      lines.push(
        `| ${cell(code(r.flag))} | ${cell(r.text)} | ${cell(r.default ?? "")} | ${r.env ? cell(code(r.env)) : ""} |`,
      );
    }
    lines.push("");
  }
  lines.push(
    "## Where settings come from",
    "",
    ...HELP_PRECEDENCE,
    "",
    "## Examples",
    "",
    "```sh",
    ...HELP_EXAMPLES.map((l) => l.slice(2)),
    "```",
    "",
  );
  lines.push("## Exit codes", "", HELP_EXIT_CODES.join(" "), "");
  return lines.join("\n");
}
