/**
 * `surge watch NAME`: the fleet's merged numbers and a row per instance until every instance has
 * finished: the run's dashboard on a terminal, plain lines otherwise (or with --no-tui).
 */
import { readFileSync } from "node:fs";
import type { Kafka } from "kafkajs";
import type { RawFlags } from "../config/raw-flags.ts";
import { fleetNameValue } from "../config/resolve-segment.ts";
import { FleetView } from "../fleet/fleet-view.ts";
import { fleetLines } from "../fleet/fleet-lines.ts";
import { fleetTopic } from "../fleet/message.ts";
import { readResults } from "../fleet/read-results.ts";
import { FleetSteer } from "../fleet/steer.ts";
import { parseControlLine } from "./control-line.ts";
import { readLines } from "./stdin-lines.ts";
import { WatchPort } from "./watch-port.ts";
import { terminalSafe } from "../report/terminal-safe.ts";
import { connectAdmin, createKafka, VerifyFailure } from "../verify/connect.ts";
import { resolveVerifySettings } from "../verify/settings.ts";
import { EXIT_OK, EXIT_RUNTIME, UsageError } from "./usage-error.ts";

const PRINT_EVERY_MS = 1000;

/** The fleet name (first positional) and a Kafka client from the connection flags. */
export async function fleetClient(command: string, flags: RawFlags, positionals: readonly string[]) {
  const name = positionals[0];
  if (name === undefined)
    throw new UsageError(`usage: surge ${command} NAME (the --fleet NAME the instances run with)`);
  const parsed = fleetNameValue(name);
  if (!parsed.ok) throw new UsageError(`surge ${command} NAME: ${parsed.problem}`);
  const resolved = resolveVerifySettings({
    flags,
    env: process.env,
    readFile: (path) => readFileSync(path, "utf8"),
    cwd: process.cwd(),
  });
  if ("errors" in resolved) throw new UsageError(resolved.errors);
  for (const w of resolved.warnings) console.error(`surge: warning: ${terminalSafe(w)}`);
  const kafka = createKafka(resolved.settings);
  try {
    await (await connectAdmin(kafka, resolved.settings)).disconnect();
  } catch (error) {
    if (error instanceof VerifyFailure) return { name: parsed.value, problem: error.message };
    throw error;
  }
  return { name: parsed.value, kafka };
}

export async function watchCommand(flags: RawFlags, positionals: readonly string[]): Promise<number> {
  const client = await fleetClient("watch", flags, positionals);
  if (!("kafka" in client) || !client.kafka) {
    console.error(`surge: watch: ${terminalSafe(client.problem ?? "cannot connect")}`);
    return EXIT_RUNTIME;
  }
  const view = new FleetView(client.name);
  let changed = false;
  let reader;
  try {
    reader = await readResults(
      client.kafka,
      fleetTopic(client.name),
      (m) => {
        if (m) view.add(m);
        else view.ignored++;
        changed = true;
      },
      { untilCaughtUp: false },
    );
  } catch (error) {
    console.error(`surge: watch: ${terminalSafe(error instanceof Error ? error.message : String(error))}`);
    return EXIT_RUNTIME;
  }
  const stop = () => void reader.stop();
  if (process.stdout.isTTY && process.stdin.isTTY && flags.noTui !== true) {
    // On a terminal: the run's dashboard, fed by the fleet view, its keys steering the fleet.
    const steer = await fleetSteer(client.kafka, client.name, flags);
    const port = new WatchPort(view, steer, reader.done, stop);
    process.on("SIGTERM", stop);
    const timer = setInterval(() => {
      if (view.finished) stop();
    }, PRINT_EVERY_MS);
    // Below the last frame: the fleet's lines (a single run's summary would name no instance).
    await (
      await import("../ui/run-dashboard.tsx")
    ).runDashboard(port, () =>
      fleetLines(view, Date.now())
        .map((l) => terminalSafe(l))
        .join("\n"),
    );
    clearInterval(timer);
    process.off("SIGTERM", stop);
    await steer?.stop();
    return EXIT_OK;
  }
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const steer = await steerFromStdin(client.kafka, client.name, flags);
  const timer = setInterval(() => {
    for (const line of steer?.answered(view, Date.now()) ?? []) console.log(terminalSafe(line));
    if (!changed && view.run === undefined) return;
    changed = false;
    for (const line of fleetLines(view, Date.now())) console.log(terminalSafe(line));
    if (view.finished) void reader.stop();
  }, PRINT_EVERY_MS);
  await reader.done;
  clearInterval(timer);
  await steer?.stop();
  process.stdin.pause();
  process.stdin.unref?.();
  process.off("SIGINT", stop);
  process.off("SIGTERM", stop);
  return EXIT_OK;
}

/** Signs with the fleet's token; without one, watching only (said once, on stderr). */
async function fleetSteer(
  kafka: Kafka,
  fleet: string,
  flags: RawFlags,
  without = "keys do not steer",
): Promise<FleetSteer | undefined> {
  const token = flags.fleetToken ?? process.env["SURGE_FLEET_TOKEN"];
  if (token === undefined || token === "") {
    console.error(`surge: watch: no --fleet-token (or SURGE_FLEET_TOKEN): watching only; ${without}`);
    return undefined;
  }
  if (token.length < 16)
    throw new UsageError("--fleet-token: must be at least 16 characters (it signs fleet commands)");
  return FleetSteer.start(kafka, fleet, token);
}

/**
 * Control lines on stdin (the run's own: rate N, rate +10%, pause, resume, inject ..., quit) go to
 * every instance, signed with the fleet's token; without a token, stdin is not read.
 */
async function steerFromStdin(kafka: Kafka, fleet: string, flags: RawFlags): Promise<FleetSteer | undefined> {
  const steer = await fleetSteer(kafka, fleet, flags, "control lines on stdin are not sent");
  if (!steer) return undefined;
  readLines(process.stdin, {
    line: (line) => {
      const parsed = parseControlLine(line);
      if (!parsed) return;
      if ("error" in parsed) {
        console.error(`surge: ${terminalSafe(parsed.error)}`);
        return;
      }
      const what = terminalSafe(line.trim());
      steer.send(parsed.command, what).then(
        (id) => console.log(`command ${id} (${what}): sent to fleet ${fleet}`),
        (error: unknown) =>
          console.error(
            `surge: watch: command not sent: ${terminalSafe(error instanceof Error ? error.message : String(error))}`,
          ),
      );
    },
    tooLong: (bytes) => console.error(`surge: watch: ignored a control line of ${bytes} bytes`),
  });
  return steer;
}
