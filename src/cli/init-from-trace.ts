/** `surge init --from-trace`: fit a fleet to a CSV trace, check it as surge would, write it. */
import { writeFileSync } from "node:fs";
import { checkScenarioText } from "../authoring/check-scenario.ts";
import { nameFrom } from "../authoring/from-samples.ts";
import { parseDuration } from "../common/duration.ts";
import type { RawFlags } from "../config/raw-flags.ts";
import { readProblem } from "../config/read-problem.ts";
import type { TraceShape } from "../trace/columns.ts";
import { fitTrace } from "../trace/from-trace.ts";
import { EXIT_OK, EXIT_RUNTIME, UsageError } from "./usage-error.ts";

/** What init did with the file and its columns, one line each. */
function notes(path: string, shape: TraceShape): void {
  for (const n of shape.fileNotes ?? []) console.error(`surge: ${path}: ${n}`);
  for (const n of shape.columnNotes) console.error(`surge: column ${JSON.stringify(n.name)}: ${n.note}`);
}

export function initFromTrace(flags: RawFlags, path: string, text: string): number {
  let cadenceMs: number | undefined;
  if (flags.cadence !== undefined) {
    const d = parseDuration(flags.cadence);
    if (!d.ok || d.ms < 1 || d.ms > 86_400_000)
      throw new UsageError(
        `--cadence: the trace's step between rows, from 1ms to 24h (like 5s), got ${JSON.stringify(flags.cadence)}`,
      );
    cadenceMs = d.ms;
  }
  let seed: number | undefined;
  if (flags.seed !== undefined) {
    seed = Number(flags.seed);
    if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295)
      throw new UsageError(`--seed: must be a whole number from 0 to 4294967295, got ${JSON.stringify(flags.seed)}`);
  }
  if (flags.labels !== undefined && flags.labels !== "column" && flags.labels !== "anomalies")
    throw new UsageError(`--labels: column or anomalies, got ${JSON.stringify(flags.labels)}`);
  const out = flags.out;
  const fitted = fitTrace(text, {
    name: nameFrom(out ?? path, "my-trace"),
    source: path,
    ...(flags.time !== undefined ? { time: flags.time } : {}),
    ...(flags.group !== undefined ? { group: flags.group } : {}),
    ...(cadenceMs !== undefined ? { cadenceMs } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(flags.labels === "anomalies" ? { labels: "anomalies" as const } : {}),
  });
  if ("problem" in fitted) throw new UsageError(fitted.problem);
  const { problems } = checkScenarioText(fitted.yaml, out ?? "the fitted scenario");
  if (problems.length > 0) {
    console.error(
      `surge: internal error: the fitted scenario does not pass its own check (please report):\n${problems.join("\n")}`,
    );
    return EXIT_RUNTIME;
  }
  const t = fitted.trace;
  const columns = t.shape.numeric.length;
  const cycles = [
    ...new Set(
      t.groups.flatMap((g) =>
        g.columns.flatMap((c) => (c.kind === "trace" ? c.model.cycles.map((y) => y.period) : [])),
      ),
    ),
  ];
  const summary =
    `${t.groups.length} device${t.groups.length === 1 ? "" : "s"}${t.shape.group ? ` (one per ${t.shape.group})` : ""}, ${columns} numeric column${columns === 1 ? "" : "s"}, ` +
    `cycles: ${cycles.length > 0 ? cycles.join(", ") : "none found"}${t.shape.time ? `, time column ${t.shape.time.name}${t.shape.time.dayTime ? ` + ${t.shape.time.dayTime.name}` : ""}` : ", no time column"}` +
    (t.episodes
      ? `, ${t.episodes.info.column}: ${t.episodes.timeline.length} labelled episodes as spikes in the timeline (ground truth on surge.anomalies)`
      : "");
  if (out === undefined) {
    process.stdout.write(fitted.yaml);
    console.error(`surge: fitted ${path}: ${summary}`);
    notes(path, t.shape);
    return EXIT_OK;
  }
  try {
    writeFileSync(out, fitted.yaml, { flag: "wx" });
  } catch (error) {
    throw new UsageError(`--out: cannot write ${out}: ${readProblem(error)}`);
  }
  console.error(`surge: wrote ${out}: ${summary}`);
  notes(path, t.shape);
  console.error(`next: surge sample --scenario ${out} --json -n ${Math.max(10_000, t.rows)} > sample.jsonl`);
  console.error(
    `      surge compare ${path} sample.jsonl${t.shape.group && flags.group ? ` --group ${t.shape.group}` : ""}   # trace vs generated, pass/fail per statistic`,
  );
  return EXIT_OK;
}
