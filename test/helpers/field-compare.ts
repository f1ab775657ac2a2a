/**
 * Field-for-field comparison of records read back by a real deserializer (Java's or the
 * @confluentinc/schemaregistry one) with what `surge sample` generated for the same seed.
 */

import type { JavaRead } from "./registry.ts";

/** A record as either reader returns it: its place, and the value it decoded or why it refused it. */
export type ReadRecord = JavaRead;

const TIME_FIELDS = new Set(["ts", "epoch"]);

/** `surge sample` output, keyed by device and counter: records match by (device_id, count). */
export function sampledByDevice(stdout: string): Map<string, Record<string, unknown>> {
  return new Map(
    stdout.split(/\n\n(?=topic:)/).map((block) => {
      const v = JSON.parse(block.split("\n").slice(3).join("\n")) as Record<string, unknown>;
      return [`${v["device_id"]}#${v["count"]}`, v];
    }),
  );
}

/** Every problem with `read` against the sampled records: refusals, strays, differing fields. */
export function readProblems(
  read: ReadRecord[],
  expected: Map<string, Record<string, unknown>>,
  format: string,
): string[] {
  const problems: string[] = [];
  for (const r of read) {
    if (!r.value) {
      problems.push(`${r.partition}/${r.offset}: rejected: ${r.rejected?.error}`);
      continue;
    }
    const key = `${r.value["device_id"]}#${Number(r.value["count"] ?? 0)}`;
    const want = expected.get(key);
    if (!want) {
      problems.push(`${r.partition}/${r.offset}: no sampled record ${key}`);
      continue;
    }
    differences(want, r.value, "", format, problems);
  }
  return problems;
}

/** Every difference between what surge sampled and what a reader read, by path. */
function differences(want: unknown, got: unknown, path: string, format: string, out: string[]): void {
  const name =
    path
      .split(".")
      .at(-1)
      ?.replace(/\[\d+\]$/, "") ?? "";
  if (TIME_FIELDS.has(name) && path.split(".").length === 1) {
    const ms = typeof got === "string" ? Date.parse(got) : Number(got);
    if (!(Math.abs(ms - Date.now()) < 15 * 60_000))
      out.push(`${path}: ${JSON.stringify(got)} is not a time of this run`);
    return;
  }
  // Protobuf (proto3) leaves default values out; JsonFormat prints int64 as text, enums by name.
  const absent = got === undefined || got === null;
  if (want === null || want === undefined) {
    if (!absent) out.push(`${path}: want nothing, got ${JSON.stringify(got)}`);
    return;
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) {
      out.push(`${path}: want ${want.length} items, got ${JSON.stringify(got)}`);
      return;
    }
    want.forEach((w, i) => differences(w, got[i], `${path}[${i}]`, format, out));
    return;
  }
  if (typeof want === "object") {
    // An empty map is no entries at all on Protobuf's wire.
    if (absent && format === "protobuf" && Object.keys(want).length === 0) return;
    if (typeof got !== "object" || got === null) {
      out.push(`${path}: want an object, got ${JSON.stringify(got)}`);
      return;
    }
    const keys = new Set([...Object.keys(want), ...Object.keys(got)]);
    for (const k of keys)
      differences(
        (want as Record<string, unknown>)[k],
        (got as Record<string, unknown>)[k],
        path ? `${path}.${k}` : k,
        format,
        out,
      );
    return;
  }
  const proto = format === "protobuf";
  if (typeof want === "number") {
    if (!(absent && proto && want === 0) && Number(got) !== want)
      out.push(`${path}: want ${want}, got ${JSON.stringify(got)}`);
  } else if (typeof want === "boolean") {
    if (!(absent && proto && !want) && got !== want) out.push(`${path}: want ${want}, got ${JSON.stringify(got)}`);
  } else if (typeof want === "string") {
    const enumName = proto && typeof got === "string" && got.endsWith(`_${want.toUpperCase()}`);
    if (got !== want && !enumName) out.push(`${path}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  }
}
