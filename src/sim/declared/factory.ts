/** A scenario with a `fleet:` block → its compiled model, or every problem with its path. */
import type { EventModel, ModelScenario } from "../types.ts";
import { compileFleet, type CompileOptions } from "./compile/fleet.ts";
import { DeviceCountError } from "./compile/groups.ts";
import { validateFleet } from "./validate.ts";

export function declaredModel(
  scenario: ModelScenario,
  seed: number,
  timeScale: number,
  /** Per topic: takes records as values (binary formats); see CompileOptions.values. */
  values?: CompileOptions["values"],
): { model: EventModel; warnings: string[] } | { errors: string[] } {
  const roles = scenario.topics.map((t) => t.role);
  const { fleet, errors, warnings } = validateFleet(scenario.fleet, { roles });
  if (!fleet) return { errors };
  try {
    const declaredDevices = scenario.declaredDevices;
    const options = {
      devices: scenario.devices,
      seed,
      roles,
      sampleIntervalMs: scenario.sampleIntervalMs,
      timeScale,
      ...(declaredDevices ? { declaredDevices } : {}),
      ...(values ? { values } : {}),
    };
    return { model: compileFleet(fleet, options), warnings };
  } catch (error) {
    if (error instanceof DeviceCountError) return { errors: [`devices: ${error.message}`] };
    // The validator should have caught it; still one line, never a stack trace.
    return { errors: [`fleet: cannot compile: ${error instanceof Error ? error.message : String(error)}`] };
  }
}
