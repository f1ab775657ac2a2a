/** What is known about one leaf of the payload: its name, where it sits, the values seen, schema hints. */

export interface Evidence {
  name: string;
  /** The enclosing field's name ("temperature" for temperature.value). */
  parent: string;
  /** Inside an array: generators are drawn per event there (no per-device fields). */
  inArray: boolean;
  numbers: number[];
  /** Decimals written in the sample text when known (JSON drops trailing zeros). */
  strings: string[];
  trues: number;
  falses: number;
  /** From a JSON Schema. */
  min?: number;
  max?: number;
  integer?: boolean;
  format?: string;
  /** Allowed values (JSON Schema enum). */
  choices?: readonly unknown[];
}

export function evidence(name: string, parent: string, inArray: boolean): Evidence {
  return { name, parent, inArray, numbers: [], strings: [], trues: 0, falses: 0 };
}

/** Value → count, in first-seen order. */
export function tally<T>(values: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}
