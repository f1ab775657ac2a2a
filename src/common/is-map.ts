/** The one test for "a YAML/JSON map" (not null, not a list) that every reader of typed input uses. */
export type YamlMap = Record<string, unknown>;

export function isMap(value: unknown): value is YamlMap {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
