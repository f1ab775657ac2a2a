/** `surge report NAME [--json]`: the fleet's latest run, merged from what its instances published. */
import type { RawFlags } from "../config/raw-flags.ts";
import { FleetView } from "../fleet/fleet-view.ts";
import { fleetLines } from "../fleet/fleet-lines.ts";
import { fleetReport } from "../fleet/fleet-report.ts";
import { fleetTopic } from "../fleet/message.ts";
import { readResults } from "../fleet/read-results.ts";
import { terminalSafe } from "../report/terminal-safe.ts";
import { EXIT_OK, EXIT_RUNTIME } from "./usage-error.ts";
import { fleetClient } from "./watch-command.ts";

export async function reportCommand(flags: RawFlags, positionals: readonly string[]): Promise<number> {
  const client = await fleetClient("report", flags, positionals);
  if (!("kafka" in client) || !client.kafka) {
    console.error(`surge: report: ${terminalSafe(client.problem ?? "cannot connect")}`);
    return EXIT_RUNTIME;
  }
  const view = new FleetView(client.name);
  try {
    const reader = await readResults(
      client.kafka,
      fleetTopic(client.name),
      (m) => {
        if (m) view.add(m);
        else view.ignored++;
      },
      { untilCaughtUp: true },
    );
    await reader.done;
  } catch (error) {
    console.error(`surge: report: ${terminalSafe(error instanceof Error ? error.message : String(error))}`);
    return EXIT_RUNTIME;
  }
  if (view.run === undefined) {
    console.error(`surge: report: nothing published to ${fleetTopic(client.name)} yet`);
    return EXIT_RUNTIME;
  }
  const report = fleetReport(view, Date.now());
  if (flags.json) console.log(JSON.stringify(report, null, 2));
  else for (const line of fleetLines(view, Date.now())) console.log(terminalSafe(line));
  return view.finished ? EXIT_OK : EXIT_RUNTIME;
}
