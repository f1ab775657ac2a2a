/** Payload keys → names the fleet format accepts (docs/fleet-format.md "Fields"), with a note when renamed. */

/** What a field name may not hold: whitespace, dots, quotes, braces, brackets (and 1-128 characters). */
const FORBIDDEN = /[\s."{}[\]]/g;
const MAX = 128;
/** Keys that make a nested map read as something other than an object of fields. */
const RESERVED = new Set(["gen", "ref", "const", "array"]);

export interface FieldName {
  name: string;
  /** Why the name differs from the payload's key. */
  note?: string;
}

/** A legal, unused name for `key`; `nested` objects may not hold the format's own keys. */
export function fieldName(key: string, taken: Set<string>, nested: boolean): FieldName {
  let name = key.replace(FORBIDDEN, "_");
  const reasons: string[] = [];
  if (name !== key) reasons.push("field names cannot hold spaces, dots, quotes, braces or brackets");
  if (name.length === 0) {
    name = "_";
    reasons.push("field names cannot be empty");
  }
  if (name.length > MAX) {
    name = name.slice(0, MAX);
    reasons.push(`field names are at most ${MAX} characters`);
  }
  if (nested && RESERVED.has(name)) {
    name = `${name}_`;
    reasons.push(`inside an object, "${key}" would be read as the format's own key`);
  }
  const base = name;
  for (let i = 2; taken.has(name); i++) {
    const suffix = `_${i}`;
    name = base.slice(0, MAX - suffix.length) + suffix;
  }
  if (base !== name) reasons.push("another field already has that name");
  taken.add(name);
  return reasons.length === 0
    ? { name }
    : { name, note: `${JSON.stringify(key)} in the sample, renamed: ${reasons.join("; ")}` };
}
