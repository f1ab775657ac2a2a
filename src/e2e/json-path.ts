/** `--match $.a.b`: the value of a field surge generated, found in a pipeline's JSON output (the path is checked in config/resolve-e2e.ts). */

/** The field's value as text (numbers and strings alike), or undefined when absent or not JSON. */
export function valueAt(json: string, keys: readonly string[]): string | undefined {
  let node: unknown;
  try {
    node = JSON.parse(json);
  } catch {
    return undefined;
  }
  for (const k of keys) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[k];
  }
  if (typeof node === "string") return node;
  if (typeof node === "number" || typeof node === "boolean") return String(node);
  return undefined;
}
