/** Sample payloads merged position by position: which types, values, keys and array lengths were seen where. */

/** Values kept per position (enough for enums and spreads, bounded for huge samples). */
const KEEP = 2000;

export interface Shape {
  /** Times a value (null included) was found here. */
  seen: number;
  nulls: number;
  numbers: number[];
  strings: string[];
  trues: number;
  falses: number;
  /** Times the value was an object, and its keys merged in first-seen order. */
  objects: number;
  fields: Map<string, Shape>;
  /** Times the value was an array, the lengths seen, and every item merged into one shape. */
  arrays: number;
  lengths: number[];
  items?: Shape;
  /** Types seen among one array's items (mixed arrays are kept as written). */
  mixedItems: boolean;
  /** The first non-null value seen here, as is. */
  example?: unknown;
}

export function emptyShape(): Shape {
  return {
    seen: 0,
    nulls: 0,
    numbers: [],
    strings: [],
    trues: 0,
    falses: 0,
    objects: 0,
    fields: new Map(),
    arrays: 0,
    lengths: [],
    mixedItems: false,
  };
}

export type JsonType = "object" | "array" | "number" | "string" | "boolean";

export function jsonType(v: unknown): JsonType | "null" {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return "array";
  const t = typeof v;
  return t === "number" || t === "string" || t === "boolean" ? t : "object";
}

/** Adds one value at this position. */
export function addValue(shape: Shape, value: unknown): void {
  shape.seen++;
  const type = jsonType(value);
  if (type !== "null" && shape.example === undefined) shape.example = value;
  switch (type) {
    case "null":
      shape.nulls++;
      break;
    case "number":
      if (shape.numbers.length < KEEP) shape.numbers.push(value as number);
      break;
    case "string":
      if (shape.strings.length < KEEP) shape.strings.push(value as string);
      break;
    case "boolean":
      if (value) shape.trues++;
      else shape.falses++;
      break;
    case "object": {
      shape.objects++;
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        let child = shape.fields.get(key);
        if (!child) shape.fields.set(key, (child = emptyShape()));
        addValue(child, v);
      }
      break;
    }
    case "array": {
      const list = value as unknown[];
      shape.arrays++;
      shape.lengths.push(list.length);
      const types = new Set(list.map(jsonType).filter((t) => t !== "null"));
      if (types.size > 1) shape.mixedItems = true;
      shape.items ??= emptyShape();
      for (const item of list) addValue(shape.items, item);
      break;
    }
  }
}

/** Types seen here, most frequent first (null left out). */
export function typesSeen(shape: Shape): JsonType[] {
  const counts: [JsonType, number][] = [
    ["object", shape.objects],
    ["array", shape.arrays],
    ["number", shape.numbers.length],
    ["string", shape.strings.length],
    ["boolean", shape.trues + shape.falses],
  ];
  return counts
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([t]) => t);
}
