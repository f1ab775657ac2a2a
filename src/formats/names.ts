/** Type names for generated schemas: PascalCase from field paths, unique within one schema. */

export function pascal(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
  return /^[A-Za-z_]/.test(name) ? name : `T${name}`;
}

/** Hands out names, suffixing 2, 3, ... when a name is taken. */
export class NameBook {
  private readonly used = new Set<string>();

  constructor(reserved: readonly string[] = []) {
    for (const r of reserved) this.used.add(r);
  }

  take(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.used.has(name); n++) name = `${wanted}${n}`;
    this.used.add(name);
    return name;
  }
}

/** A namespace-safe form of a scenario name: "smart-home" → "smart_home". */
export function packageName(scenario: string): string {
  const s = scenario
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return `surge.${/^[a-z_]/.test(s) ? s : `s_${s}`}`;
}
