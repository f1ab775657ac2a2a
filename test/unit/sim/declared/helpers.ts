/** Compiles a declared fleet from YAML for the tests and collects what it writes. */
import assert from "node:assert/strict";
import { readYamlText } from "../../../../src/config/yaml-text.ts";
import { compileFleet } from "../../../../src/sim/declared/compile/fleet.ts";
import { validateFleet } from "../../../../src/sim/declared/validate.ts";
import { NO_EFFECTS, type ValueEffects } from "../../../../src/sim/types.ts";

export interface Written {
  topic: number;
  key: string;
  t: number;
  device: number;
  value: Record<string, unknown>;
}

export function problems(yamlText: string): { errors: string[]; warnings: string[] } {
  const read = readYamlText(yamlText, "test.yaml");
  assert.ok("data" in read, JSON.stringify(read));
  const doc = read.data as { fleet: unknown; topics?: Record<string, string> };
  const { errors, warnings } = validateFleet(doc.fleet, { roles: Object.keys(doc.topics ?? { data: "x" }) });
  return { errors, warnings };
}

export function compileYaml(
  yamlText: string,
  o: { devices: number; declaredDevices?: number; timeScale?: number; seed?: number },
) {
  const read = readYamlText(yamlText, "test.yaml");
  assert.ok("data" in read, JSON.stringify(read));
  const doc = read.data as { fleet: unknown; topics?: Record<string, string> };
  const roles = Object.keys(doc.topics ?? { data: "x" });
  const { fleet, errors } = validateFleet(doc.fleet, { roles });
  assert.deepEqual(errors, []);
  return compileFleet(fleet!, {
    devices: o.devices,
    seed: o.seed ?? 1,
    roles,
    sampleIntervalMs: 1000,
    timeScale: o.timeScale ?? 1,
    ...(o.declaredDevices ? { declaredDevices: o.declaredDevices } : {}),
  });
}

/** Every device in turn, `rounds` times, one round per `stepMs` of event time. */
export function run(
  yamlText: string,
  o: {
    devices: number;
    rounds: number;
    stepMs?: number;
    declaredDevices?: number;
    timeScale?: number;
    effects?: ValueEffects;
  },
): Written[] {
  const model = compileYaml(yamlText, o);
  const out: Written[] = [];
  const t0 = Date.UTC(2026, 0, 5, 12);
  for (let r = 0; r < o.rounds; r++) {
    for (let d = 0; d < o.devices; d++) {
      const t = t0 + r * (o.stepMs ?? 1000);
      model.emit(
        d,
        t,
        {
          push: (topic, key, value) =>
            out.push({ topic, key, t, device: d, value: JSON.parse(value) as Record<string, unknown> }),
        },
        o.effects ?? NO_EFFECTS,
      );
    }
  }
  return out;
}
