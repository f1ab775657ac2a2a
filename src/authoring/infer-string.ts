/** A text leaf → a generator: ISO timestamps, UUIDs, MACs, IMEIs, e-mails, ids, enums, or the text itself. */
import { luhnDigit } from "../sim/declared/generators/imei.ts";
import { tally, type Evidence } from "./evidence.ts";
import type { Inferred } from "./infer-number.ts";
import { nameHints } from "./names.ts";

const ISO = /^(\d{4}-\d{2}-\d{2})([T ])(\d{2}:\d{2})(:\d{2})?(?:\.(\d+))?(Z|z|[+-]\d{2}:?\d{2})?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAC = /^([0-9a-f]{2})([:-])([0-9a-f]{2})\2([0-9a-f]{2})\2[0-9a-f]{2}\2[0-9a-f]{2}\2[0-9a-f]{2}$/i;
const EMAIL = /^[^@\s]+@([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)$/;
/** What serial's pattern may hold: printable ASCII without quotes and backslashes. */
const SERIAL_SAFE = /^[\x20-\x21\x23-\x5b\x5d-\x7e]{1,64}$/;

const leaf = (l: Record<string, unknown>, comment?: string): Inferred => ({
  guess: { t: "leaf", leaf: l },
  ...(comment ? { comment } : {}),
});

/** {timestamp, iso} params for an ISO-8601 text, with a note on what surge writes differently. */
export function isoShape(text: string): { precision: number; zone: string; note?: string } | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const digits = m[5]?.length ?? 0;
  const precision = digits === 0 ? 0 : digits <= 3 ? 3 : 6;
  const rawZone = m[6];
  const zone =
    rawZone === undefined || rawZone.toUpperCase() === "Z"
      ? "Z"
      : rawZone.includes(":")
        ? rawZone
        : `${rawZone.slice(0, 3)}:${rawZone.slice(3)}`;
  const notes = [
    rawZone === undefined ? "the sample has no zone: surge writes Z" : "",
    m[2] === " " ? "surge writes a T between date and time" : "",
    m[4] === undefined ? "surge writes seconds" : "",
    digits !== 0 && digits !== precision ? `surge writes ${precision} fraction digits (the sample has ${digits})` : "",
  ].filter(Boolean);
  return { precision, zone, ...(notes.length > 0 ? { note: notes.join("; ") } : {}) };
}

function luhnOk(digits: string): boolean {
  return luhnDigit(digits.slice(0, -1)) === Number(digits.slice(-1));
}

/** Braces are placeholders in templates: a literal one is written twice. */
const escapeTemplate = (s: string): string => s.replace(/[{}]/g, (b) => b + b);

export function inferString(e: Evidence): Inferred {
  const values = e.strings;
  const hints = nameHints(e.name, e.parent);
  const first = values[0] ?? "";
  const all = (re: RegExp): boolean => values.length > 0 && values.every((v) => re.test(v));
  const perDevice = hints.id && !hints.perEvent && !e.inArray;
  const choices = e.choices?.filter((c) => ["string", "number", "boolean"].includes(typeof c));
  if (choices && choices.length > 0) return leaf({ gen: "pick", values: choices.map(String) });

  if (e.format === "date-time" || (values.length > 0 && values.every((v) => isoShape(v) !== undefined))) {
    const shape = values.length > 0 ? isoShape(first) : { precision: 3, zone: "Z" };
    if (shape)
      return leaf({ gen: "timestamp", format: "iso", precision: shape.precision, zone: shape.zone }, shape.note);
  }
  if (e.format === "uuid" || all(UUID)) {
    const lower = values.every((v) => v === v.toLowerCase());
    return leaf(
      { gen: "uuid", per: perDevice ? "device" : "event" },
      lower ? undefined : "surge writes UUIDs in lower case",
    );
  }
  if (all(MAC)) {
    const m = MAC.exec(first) as RegExpExecArray;
    const note =
      m[2] === "-" || first !== first.toLowerCase() ? "surge writes MACs lower-case, colon-separated" : undefined;
    if (e.inArray)
      return leaf({ gen: "serial", per: "event", pattern: "XX:XX:XX:XX:XX:XX" }, "a MAC per item (upper-case hex)");
    return leaf({ gen: "mac", prefix: `${m[1]}:${m[3]}:${m[4]}`.toLowerCase() }, note);
  }
  if (
    values.length > 0 &&
    values.every((v) => /^\d{15}$/.test(v) && (hints.id || luhnOk(v))) &&
    (/imei/i.test(e.name) || values.every(luhnOk)) &&
    !e.inArray
  ) {
    return leaf({ gen: "imei", tac: first.slice(0, 8) });
  }
  if (e.format === "email" || hints.email || all(EMAIL)) {
    const domain = EMAIL.exec(first)?.[1] ?? "example.com";
    return leaf({ gen: "template", template: `user{number}@${escapeTemplate(domain)}` });
  }
  if (values.length > 0 && values.every((v) => DATE_ONLY.test(v))) {
    return pickOf(values, "dates as seen in the samples (a timestamp field writes date and time)");
  }
  const counts = tally(values);
  const looksEnum =
    counts.size <= 20 && (hints.enumLike || (values.length >= 2 * counts.size && counts.size < values.length));
  if (!hints.id && counts.size === 1) {
    return {
      guess: { t: "const", value: first },
      ...(hints.enumLike
        ? { comment: `only ${JSON.stringify(first)} seen: list the other values with {gen: pick, values: {...}}` }
        : {}),
    };
  }
  if (!hints.id && looksEnum) return pickOf(values);
  if (hints.id || perDeviceLooking(values)) return idGuess(values, perDevice, e.inArray) ?? pickOf(values);
  if (values.length === 0)
    return leaf(
      { gen: "template", template: `${escapeTemplate(e.name.slice(0, 40))}-{number}` },
      "text: give it a template or a pick",
    );
  return pickOf(values);
}

/** Every seen text is a name followed by a number ("dev-0042"): an id. */
function perDeviceLooking(values: readonly string[]): boolean {
  return values.length > 0 && values.every((v) => /^[A-Za-z][A-Za-z_.:/-]*[-_:/.]?\d+$/.test(v));
}

/** An id generator from the sample's shape: a prefix and a number → id (per device) or serial (per event). */
function idGuess(values: readonly string[], perDevice: boolean, inArray: boolean): Inferred | undefined {
  const first = values[0] ?? "";
  const digits = /^(.*?)(\d+)$/.exec(first);
  if (digits && SERIAL_SAFE.test(first)) {
    const [, prefix = "", number = ""] = digits;
    const padded = number.length > 1 && number.startsWith("0");
    if (perDevice && !inArray) {
      return leaf(
        { gen: "id", format: `${escapeTemplate(prefix)}{number${padded ? `:0${number.length}` : ""}}` },
        "device 1, 2, 3, ... numbered as in the sample",
      );
    }
    // serial reads #, A and X in its pattern as placeholders: such a prefix cannot be written there.
    if (/[#AX]/.test(prefix)) return undefined;
    return leaf({ gen: "serial", per: perDevice ? "device" : "event", pattern: prefix + "#".repeat(number.length) });
  }
  if (perDevice && !inArray && first !== "" && !/\d/.test(first) && first.length <= 60) {
    return leaf(
      { gen: "id", format: `${escapeTemplate(first)}-{number}` },
      "one id per device, numbered after the sample's",
    );
  }
  if (SERIAL_SAFE.test(first) && /[0-9A-F]/.test(first)) {
    // A prefix before the last separator stays as written ("SN-"), unless serial would read it as placeholders.
    const split = /^(.*[-_:/.])([^-_:/.]+)$/.exec(first);
    const keep = split && !/[#AX]/.test(split[1] ?? "") ? (split[1] ?? "") : "";
    const tail = first.slice(keep.length);
    const pattern =
      keep +
      (/^[0-9A-F]+$/.test(tail) && /[A-F]/.test(tail)
        ? "X".repeat(tail.length)
        : tail.replace(/#/g, "-").replace(/[0-9]/g, "#").replace(/[A-Z]/g, "A"));
    return leaf(
      { gen: "serial", per: perDevice ? "device" : "event", pattern },
      "digits and upper-case letters drawn like the sample's",
    );
  }
  return undefined;
}

/** One of the texts seen (weighted by how often), or the text itself when there is only one. */
function pickOf(values: readonly string[], comment?: string): Inferred {
  const counts = tally(values);
  if (counts.size === 0) return { guess: { t: "const", value: "" } };
  if (counts.size === 1) return { guess: { t: "const", value: values[0] }, ...(comment ? { comment } : {}) };
  const top = [...counts].slice(0, 100);
  const even = top.every(([, n]) => n === top[0]?.[1]);
  const vals = even ? top.map(([v]) => v) : Object.fromEntries(top);
  return leaf(
    { gen: "pick", values: vals },
    comment ?? (counts.size > 100 ? `the first 100 of ${counts.size} texts seen` : undefined),
  );
}
