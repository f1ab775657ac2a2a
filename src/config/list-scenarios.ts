/** Rows for `surge scenarios`: each built-in's name, description, model, fleet and topics. */
import { DEFAULTS } from "./defaults.ts";
import { formatDuration } from "../common/duration.ts";
import { readScenarioYaml } from "./scenario-file.ts";

export interface ScenarioSummary {
  name: string;
  description: string;
  model: string;
  devices?: number;
  /** "200/s", "max" or "devices every 5s". */
  rate: string;
  topics: string[];
}

export function listScenarios(builtins: Record<string, string>): { scenarios: ScenarioSummary[]; errors: string[] } {
  const scenarios: ScenarioSummary[] = [];
  const errors: string[] = [];
  for (const [name, text] of Object.entries(builtins)) {
    const source = `built-in/${name}.yaml`;
    const { scenario, syntaxErrors, schemaErrors } = readScenarioYaml(text, source);
    if (!scenario) {
      errors.push(...syntaxErrors, ...schemaErrors.map((e) => `${source}: ${e}`));
      continue;
    }
    const interval = formatDuration(scenario.sampleIntervalMs ?? DEFAULTS.sampleIntervalMs);
    scenarios.push({
      name,
      description: scenario.description ?? "",
      model: scenario.model,
      devices: scenario.devices,
      rate:
        scenario.rate === "max"
          ? "max"
          : scenario.rate !== undefined
            ? `${scenario.rate}/s`
            : `each device every ${interval}`,
      topics: scenario.topics.map((t) => t.name),
    });
  }
  return { scenarios, errors };
}
