/** Parses the command line, picks the subcommand and returns the process exit code. */
import { builtinScenarios } from "../config/builtins.generated.ts";
import { listScenarios } from "../config/list-scenarios.ts";
import { MAX_PROBLEMS_SHOWN } from "../config/scenario-limits.ts";
import { terminalSafe } from "../report/terminal-safe.ts";
import { VERSION } from "../version.ts";
import { parseCli } from "./flags.ts";
import { compareCommand } from "./compare-command.ts";
import { commandHelpText, helpText } from "./help.ts";
import { initCommand } from "./init-command.ts";
import { runCommand } from "./run-command.ts";
import { sampleCommand } from "./sample-command.ts";
import { scenarioCommand } from "./scenario-command.ts";
import { verifyCommand } from "./verify-command.ts";
import { reportCommand } from "./report-command.ts";
import { watchCommand } from "./watch-command.ts";
import { EXIT_OK, EXIT_RUNTIME, EXIT_USAGE, UsageError } from "./usage-error.ts";

export async function main(argv: string[]): Promise<number> {
  try {
    const parsed = parseCli(argv);
    if ("errors" in parsed) throw new UsageError(parsed.errors);
    if (parsed.flags.help) {
      console.log(commandHelpText(parsed.command) ?? helpText());
      return EXIT_OK;
    }
    if (parsed.flags.version) {
      console.log(`surge ${VERSION}`);
      return EXIT_OK;
    }
    switch (parsed.command) {
      case "scenarios":
        return printScenarios();
      case "verify":
        return await verifyCommand(parsed.flags);
      case "watch":
        return await watchCommand(parsed.flags, parsed.positionals);
      case "report":
        return await reportCommand(parsed.flags, parsed.positionals);
      case "sample":
        return await sampleCommand(parsed.flags);
      case "init":
        return initCommand(parsed.flags, parsed.positionals);
      case "scenario":
        return scenarioCommand(parsed.positionals);
      case "compare":
        return compareCommand(parsed.flags, parsed.positionals);
      default:
        return await runCommand(parsed.flags);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      // Problems quote flags, environment and file contents: never print those raw.
      for (const line of error.lines.slice(0, MAX_PROBLEMS_SHOWN)) console.error(`surge: ${terminalSafe(line)}`);
      const more = error.lines.length - MAX_PROBLEMS_SHOWN;
      if (more > 0) console.error(`surge: ... and ${more} more problems`);
      return EXIT_USAGE;
    }
    // A bug, not bad input: one line, the stack only on request.
    console.error(
      `surge: internal error: ${terminalSafe(error instanceof Error ? error.message : String(error))}` +
        (process.env.SURGE_DEBUG ? `\n${error instanceof Error ? error.stack : ""}` : " (SURGE_DEBUG=1 shows more)"),
    );
    return EXIT_RUNTIME;
  }
}

function printScenarios(): number {
  const { scenarios, errors } = listScenarios({ ...builtinScenarios });
  if (errors.length > 0) throw new UsageError(errors);
  const width = Math.max(...scenarios.map((s) => s.name.length));
  for (const s of scenarios) {
    console.log(`${s.name.padEnd(width)}  ${s.description}`);
    console.log(`${"".padEnd(width)}  ${s.devices ?? "?"} devices, ${s.rate}, topics ${s.topics.join(", ")}`);
  }
  return EXIT_OK;
}
