/** `surge init`: a starter scenario (a declared fleet) from sample payloads or a JSON Schema. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { checkScenarioText } from "../authoring/check-scenario.ts";
import { nameFrom, scenarioFromSamples, type SampleFile } from "../authoring/from-samples.ts";
import { scenarioFromSchema } from "../authoring/from-schema.ts";
import { scenarioYaml, type ScenarioGuess } from "../authoring/yaml-writer.ts";
import type { RawFlags } from "../config/raw-flags.ts";
import { readProblem } from "../config/read-problem.ts";
import { avscToJsonSchema, protoToJsonSchema } from "../formats/to-json-schema.ts";
import { initFromTrace } from "./init-from-trace.ts";
import { EXIT_OK, EXIT_RUNTIME, UsageError } from "./usage-error.ts";

const USAGE =
  "usage: surge init --from-sample event.json [more.json ...] [--out fleet.yaml], surge init --from-schema schema.avsc|.proto|.json [--out fleet.yaml], or surge init --from-trace trace.csv [--time COL] [--group COL] [--labels anomalies] [--out fleet.yaml]";

export function initCommand(flags: RawFlags, extra: readonly string[]): number {
  const { fromSample, fromTrace, out } = flags;
  const sources = [fromSample, flags.fromJsonSchema, flags.fromSchema, fromTrace].filter((x) => x !== undefined).length;
  if (sources !== 1) {
    throw new UsageError(
      sources === 0
        ? `init: say what to start from; ${USAGE}`
        : `init: one of --from-sample, --from-schema, --from-json-schema, --from-trace; ${USAGE}`,
    );
  }
  const fromJsonSchema = flags.fromJsonSchema ?? flags.fromSchema;
  const traceOnly = (["time", "group", "cadence", "labels"] as const).find((k) => flags[k] !== undefined);
  if (fromTrace === undefined && traceOnly !== undefined)
    throw new UsageError(`--${traceOnly}: only with --from-trace; ${USAGE}`);
  if (fromTrace !== undefined) {
    if (extra.length > 0) throw new UsageError(`init: one trace at a time, got also ${extra.join(" ")}; ${USAGE}`);
    if (out !== undefined && existsSync(out))
      throw new UsageError(`--out: ${out} already exists; remove it or choose another file`);
    return initFromTrace(flags, fromTrace, read(fromTrace));
  }
  if (fromJsonSchema !== undefined && extra.length > 0)
    throw new UsageError(`init: one JSON Schema at a time, got also ${extra.join(" ")}; ${USAGE}`);
  if (out !== undefined && existsSync(out))
    throw new UsageError(`--out: ${out} already exists; remove it or choose another file`);
  const paths = fromSample !== undefined ? [fromSample, ...extra] : [fromJsonSchema as string];
  const files: SampleFile[] = paths.map((path) => ({
    path,
    text: fromSample === undefined ? asJsonSchema(path, read(path)) : read(path),
  }));
  const name = nameFrom(out ?? paths[0] ?? "", "my-fleet");
  const when = new Date();
  const result =
    fromSample !== undefined
      ? scenarioFromSamples(files, name, when)
      : scenarioFromSchema(files[0] as SampleFile, name, when);
  if ("errors" in result) throw new UsageError(result.errors);
  const yaml = scenarioYaml(result.scenario);
  // What init writes must pass the checks `surge` runs; if not, that is surge's bug, not the user's.
  const { problems } = checkScenarioText(yaml, out ?? "the inferred scenario");
  if (problems.length > 0) {
    console.error(
      `surge: internal error: the inferred scenario does not pass its own check (please report):\n${problems.join("\n")}`,
    );
    return EXIT_RUNTIME;
  }
  if (out === undefined) {
    process.stdout.write(yaml);
    return EXIT_OK;
  }
  try {
    writeFileSync(out, yaml, { flag: "wx" });
  } catch (error) {
    throw new UsageError(`--out: cannot write ${out}: ${readProblem(error)}`);
  }
  console.error(`surge: wrote ${out}: ${describe(result.scenario)}`);
  console.error(`next: surge sample --scenario ${out}            # look at a few events`);
  console.error(`      surge --scenario ${out} --dry-run --duration 5s   # run it without a broker`);
  return EXIT_OK;
}

/** An .avsc or .proto becomes the JSON Schema of the same records (src/formats/to-json-schema.ts). */
function asJsonSchema(path: string, text: string): string {
  const converted = /\.avsc$/i.test(path)
    ? avscToJsonSchema(text, path)
    : /\.proto$/i.test(path)
      ? protoToJsonSchema(text, undefined, path)
      : undefined;
  if (!converted) return text;
  if ("problem" in converted) throw new UsageError(`init: ${converted.problem}`);
  return JSON.stringify(converted);
}

function read(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`init: cannot read ${JSON.stringify(path)}: ${readProblem(error)}`);
  }
}

function describe(s: ScenarioGuess): string {
  const kinds = s.kinds.map((k) => k.name).join(", ");
  return `${s.kinds.length} device kind${s.kinds.length === 1 ? "" : "s"} (${kinds}), topic ${s.topic}, ${s.devices} devices`;
}
