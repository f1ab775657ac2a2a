/** Prints a hash and the first records of a declared fleet's events (same seed → same bytes under Bun, Node, Deno). */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { compileFleet } from "../../../../src/sim/declared/compile/fleet.ts";
import { validateFleet } from "../../../../src/sim/declared/validate.ts";
import { NO_EFFECTS } from "../../../../src/sim/types.ts";

export function sampleHash(
  yamlText: string,
  events: number,
  devices: number,
  seed: number,
): { hash: string; first: string[] } {
  const doc = parse(yamlText) as { fleet: unknown; topics: Record<string, string> };
  const roles = Object.keys(doc.topics);
  const { fleet, errors } = validateFleet(doc.fleet, { roles });
  if (!fleet) throw new Error(errors.join("\n"));
  const model = compileFleet(fleet, { devices, seed, roles, sampleIntervalMs: 1000, timeScale: 60 });
  const hash = createHash("sha256");
  const first: string[] = [];
  const t0 = Date.UTC(2026, 0, 5, 12, 0, 0);
  const sink = {
    push: (topic: number, key: string, value: string, headers?: Record<string, string>) => {
      const line = `${topic}|${key}|${value}|${JSON.stringify(headers ?? {})}\n`;
      if (first.length < 3) first.push(line);
      hash.update(line);
    },
  };
  for (let i = 0; i < events; i++) model.emit(i % devices, t0 + i * 7, sink, NO_EFFECTS);
  return { hash: hash.digest("hex"), first };
}

const file = process.argv[2];
if (file && /emit-sample/.test(process.argv[1] ?? "")) {
  const { hash } = sampleHash(readFileSync(file, "utf8"), 20000, 500, 42);
  console.log(hash);
}
