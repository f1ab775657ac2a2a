/** What a generator is: a named spec (params with types, ranges, defaults, doc, example) + its code. */
import type { CodeContext } from "./compile/context.ts";
import type { ValueType } from "./value-type.ts";

export type ParamType =
  | { type: "number"; min?: number; max?: number; integer?: boolean }
  | { type: "boolean" }
  | { type: "string"; pattern?: RegExp; what?: string }
  | { type: "enum"; values: readonly string[] }
  /** Non-empty list of strings (or numbers), e.g. a catalog. */
  | { type: "list"; maxItems?: number }
  /** A list of values, or a map of value: weight. */
  | { type: "weights" }
  /** The dotted path of another field of the same event, e.g. sensors.temperature.value. */
  | { type: "path" }
  /** A small expression over the event's fields (see docs/fleet-format.md). */
  | { type: "expr" }
  /** A string with {field} and {index:05} placeholders. */
  | { type: "template" }
  /** A subtree of the payload (array items). */
  | { type: "node" }
  /** A length: a whole number, or [min, max]. */
  | { type: "length" };

export type ParamSpec = ParamType & {
  doc: string;
  /** Absent and not required: the param is optional and the generator has its own behaviour. */
  default?: unknown;
  required?: boolean;
};

/** What a generator's code computes, once per event (or once per device when scope is "device"). */
export interface LeafCode {
  /** Statements that set the value variable (ctx.v). May use ctx names only. */
  body: string;
  /** JS expression giving the JSON text of the value variable; absent = the type's default. */
  json?: string;
  /**
   * JS expression of the value a binary format writes, when it is not what the JSON text parses
   * to (an ISO timestamp: its epoch number); absent = the parsed JSON text.
   */
  value?: string;
  /** Every string the value can take, when few and known (lets JSON text around it be prepared once). */
  literals?: string[];
  /**
   * The last statement of `body` when it only sets the value variable from what came before
   * (an ISO time's text from its epoch): dropped when nothing reads the variable (a binary
   * format writes `value`, and no ref, expression or JSON text uses the text).
   */
  text?: string;
  /** Extra locals the body assigns (declared by the compiler, e.g. a reading's noise for correlation). */
  locals?: string[];
  /** The value may be null (written as null; an expression with a null branch). */
  nullable?: boolean;
  /** Values other fields read through a function of this one: since(status) → JS expression. */
  facets?: Readonly<Record<string, string>>;
}

export interface GeneratorSpec {
  name: string;
  /** One line for docs/generators.md and "did you mean". */
  doc: string;
  /** "device": fixed for the device's life; "event": drawn per event; "either": `per: device` allowed. */
  scope: "device" | "event" | "either";
  /** Per-device values that are cheaper to recompute than to cache (no draw: a table lookup by index). */
  direct?: boolean;
  /** For scope "either": what `per` is when the leaf does not say (default event). */
  perDefault?: "device" | "event";
  params: Readonly<Record<string, ParamSpec>>;
  /** The value type, from the resolved params. */
  output: ValueType | ((params: Readonly<Record<string, unknown>>) => ValueType);
  /** A readings generator: spike, drift and stuck anomalies apply to it. */
  reading?: boolean;
  /** The leaf as written in a scenario, without `gen` (docs show it and its output). */
  example: Readonly<Record<string, unknown>>;
  /** Checks across params (min < max, ...), as "param: problem" lines. */
  check?: (params: Readonly<Record<string, unknown>>) => string[];
  /** The value type when it depends on other fields' types (expressions). */
  infer?: (params: Readonly<Record<string, unknown>>, typeOf: (path: string) => ValueType | undefined) => ValueType;
  /** Functions of this field that expressions may call (since(status) for a state machine). */
  facets?: readonly string[];
  /** Params naming a field that must come from one of these generators (they read its internals). */
  refGenerators?: Readonly<Record<string, readonly string[]>>;
  /** Fields this leaf reads (for evaluation order and cycles). */
  refs?: (params: Readonly<Record<string, unknown>>) => string[];
  compile(params: Readonly<Record<string, unknown>>, ctx: CodeContext): LeafCode;
}

export function outputOf(spec: GeneratorSpec, params: Readonly<Record<string, unknown>>): ValueType {
  return typeof spec.output === "function" ? spec.output(params) : spec.output;
}
