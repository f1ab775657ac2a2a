/** A trace's column names as field names that expressions and `of`/`given`/`shiftWith` can name. */

/**
 * Each column's field name: its name with every run of characters other than ASCII letters,
 * digits and `_` made one `_` (a field path is letters, digits and `_`), a leading digit
 * prefixed, at most 128 characters, and `_2`, `_3`, ... where two columns would meet.
 */
export function traceFieldNames(columns: readonly string[]): (column: string) => string {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const column of columns) {
    let base = column.replace(/[^A-Za-z0-9_]+/g, "_").slice(0, 120);
    if (base === "" || base === "_") base = "column";
    if (/^[0-9]/.test(base)) base = `c${base}`;
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    names.set(column, name);
  }
  return (column) => names.get(column) ?? column;
}
