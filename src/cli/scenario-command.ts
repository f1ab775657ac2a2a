/** `surge scenario check FILE`: every problem of a scenario file with its line, or a short summary. */
import { readFileSync } from "node:fs";
import { checkScenarioText } from "../authoring/check-scenario.ts";
import { builtinScenarios } from "../config/builtins.generated.ts";
import { readProblem } from "../config/read-problem.ts";
import { EXIT_OK, EXIT_USAGE, UsageError } from "./usage-error.ts";

const USAGE = "usage: surge scenario check FILE (a scenario YAML file or a built-in name)";

export function scenarioCommand(args: readonly string[]): number {
  const [action, file] = args;
  if (action !== "check")
    throw new UsageError(action === undefined ? USAGE : `unknown action ${JSON.stringify(action)}; ${USAGE}`);
  if (file === undefined) throw new UsageError(USAGE);
  const builtin = Object.hasOwn(builtinScenarios, file)
    ? (builtinScenarios as Record<string, string>)[file]
    : undefined;
  let text: string;
  try {
    text = builtin ?? readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`scenario check: cannot read ${JSON.stringify(file)}: ${readProblem(error)}`);
  }
  const { problems, summary } = checkScenarioText(text, builtin === undefined ? file : `built-in/${file}.yaml`, {
    readFile: (path) => readFileSync(path, "utf8"),
  });
  if (problems.length > 0) {
    for (const p of problems) console.error(p);
    console.error(`surge: ${problems.length} problem${problems.length === 1 ? "" : "s"} in ${file}`);
    return EXIT_USAGE;
  }
  console.log(`${file}: ok`);
  for (const line of summary ?? []) console.log(`  ${line}`);
  return EXIT_OK;
}
