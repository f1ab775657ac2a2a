/** `--match $.a.b`: the value of a field surge generated, found in a pipeline's JSON output. */

/** The path's keys, or a problem in words. Only dotted keys: `$.event_id`, `$.device.id`. */
export function parseJsonPath(path: string): { keys: string[] } | { problem: string } {
  if (!/^\$(\.[A-Za-z_][A-Za-z0-9_-]*)+$/.test(path)) {
    return { problem: `"${path}" is not a path like $.event_id or $.device.id (dotted field names after $)` };
  }
  return { keys: path.slice(2).split(".") };
}

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
