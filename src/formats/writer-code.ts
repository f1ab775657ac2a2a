/** Source fragments the generated Avro and Protobuf writers share (see avro-writer.ts, proto-writer.ts). */

/**
 * Source of writer function `name(v, w)` with statements `body`: a frozen value (shared between
 * records: a catalog product, a location) is written once and its bytes copied after that, as
 * the JSON path copies its text. `cache` names a WeakMap the generated code can reach.
 */
export function keptFunction(name: string, body: string, cache: string): string {
  return `function ${name}_(v, w) {\n${body}\n}
function ${name}(v, w) {
  if (!Object.isFrozen(v)) return ${name}_(v, w);
  const b = ${cache}.get(v);
  if (b !== undefined) return w.raw(b);
  const s = w.mark();
  ${name}_(v, w);
  ${cache}.set(v, Buffer.from(w.buf.subarray(w.base + s, w.pos)));
}`;
}

/**
 * Source of `name(v, w)` writing message `plain(v, w)` with its length in front (Protobuf's
 * nesting): for a frozen value, length and bytes are kept together, so a shared sub-message
 * costs one copy and no length fix-up.
 */
export function keptDelimited(name: string, plain: string, cache: string): string {
  return `function ${name}(v, w) {
  const frozen = Object.isFrozen(v);
  const b = frozen ? ${cache}.get(v) : undefined;
  if (b !== undefined) return w.raw(b);
  const s = w.fork();
  ${plain}(v, w);
  w.ldelim(s);
  if (frozen) ${cache}.set(v, Buffer.from(w.buf.subarray(w.base + s - 1, w.pos)));
}`;
}

/**
 * Expression of the number of the string `x` in `table` (a few symbols: a chain of comparisons
 * with the interned names, cheaper than a Map lookup), else `otherwise`.
 */
export function lookupCode(
  table: ReadonlyMap<string, number>,
  x: string,
  mapRef: () => string,
  otherwise: string,
): string {
  if (table.size > 12) return `(${mapRef()}.get(${x}) ?? ${otherwise})`;
  let out = otherwise;
  for (const [name, n] of [...table].reverse()) out = `${x} === ${JSON.stringify(name)} ? ${n} : ${out}`;
  return `(${out})`;
}
