/** --scenario NAME|PATH -> the scenario file's content: a built-in by name, else a YAML file. */
import { basename, extname, resolve } from "node:path";
import { DEFAULTS } from "./defaults.ts";
import { inlineFleetFiles } from "./fleet-files.ts";
import { readProblem } from "./read-problem.ts";
import { readScenarioYaml, type PartialScenarioFile } from "./scenario-file.ts";
import type { RawValue } from "./sources.ts";

export interface LoadScenarioInput {
  ref: RawValue | undefined;
  builtins: Record<string, string>;
  readFile: (path: string) => string;
  cwd?: string;
}

export interface LoadedScenario {
  file: PartialScenarioFile;
  /** Name to use when the file has none: the built-in's name or the file's base name. */
  fallbackName: string;
}

export function loadScenario(input: LoadScenarioInput): { loaded?: LoadedScenario; errors: string[] } {
  const { ref, builtins } = input;
  const names = Object.keys(builtins);
  let name = ref?.raw.trim();
  const where = ref?.where ?? "--scenario";
  if (name === undefined) {
    name = DEFAULTS.scenario in builtins ? DEFAULTS.scenario : names[0];
    if (name === undefined)
      return { errors: [`${where}: required (this build has no built-in scenarios); give a path to a YAML file`] };
  }
  if (name === "") return { errors: [`${where}: needs a value (a built-in scenario name or a path to a YAML file)`] };

  const builtin = Object.hasOwn(builtins, name) ? builtins[name] : undefined;
  if (builtin !== undefined) return parsed(builtin, `built-in/${name}.yaml`, name, input);

  const path = input.cwd === undefined ? name : resolve(input.cwd, name);
  let text: string;
  try {
    text = input.readFile(path);
  } catch (error) {
    if (!looksLikePath(name) && readProblem(error) === "no such file") {
      const list = names.length > 0 ? names.join(", ") : "none in this build";
      return {
        errors: [
          `${where}: unknown scenario ${JSON.stringify(name)} (built-in scenarios: ${list}; or give a path to a YAML file)`,
        ],
      };
    }
    return { errors: [`${where}: cannot read ${JSON.stringify(name)}: ${readProblem(error)}`] };
  }
  return parsed(text, name, basename(name, extname(name)), input);
}

function parsed(
  text: string,
  source: string,
  fallbackName: string,
  input: LoadScenarioInput,
): { loaded?: LoadedScenario; errors: string[] } {
  const { scenario, syntaxErrors, schemaErrors } = readScenarioYaml(text, source);
  if (scenario?.fleet !== undefined) {
    const { fleet, errors } = inlineFleetFiles(scenario.fleet, input);
    if (errors.length > 0) return { errors: errors.map((e) => `${source}: ${e}`) };
    return { loaded: { file: { ...scenario, fleet }, fallbackName }, errors: [] };
  }
  if (scenario) return { loaded: { file: scenario, fallbackName }, errors: [] };
  // Schema errors carry only their path; say which file they are about.
  return {
    errors: [...syntaxErrors, ...schemaErrors.map((e) => (e.startsWith(`${source}: `) ? e : `${source}: ${e}`))],
  };
}

function looksLikePath(ref: string): boolean {
  return /[\\/]/.test(ref) || /\.(ya?ml|json)$/i.test(ref);
}
