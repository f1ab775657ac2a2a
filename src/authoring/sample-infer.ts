/** Merged sample payloads (a Shape) → the guessed field tree of one device kind. */
import { evidence } from "./evidence.ts";
import { fieldName } from "./field-names.ts";
import { withChances, type Guess, type GuessField } from "./guess.ts";
import { inferScalar } from "./infer-scalar.ts";
import { typesSeen, type Shape } from "./sample-shape.ts";

/** The validator's limits (src/sim/declared/validate.ts), with room to spare. */
const MAX_DEPTH = 20;
const MAX_ARRAY = 1000;

interface Where {
  name: string;
  parent: string;
  inArray: boolean;
  depth: number;
  /** Inside an object below the event's root (the format's own keys are reserved there). */
  nested: boolean;
}

/** The fields of an object shape (the event's root or a nested object). */
export function objectGuess(shape: Shape, where: Where): { guess: Guess; comment?: string } {
  const taken = new Set<string>();
  const fields: GuessField[] = [];
  for (const [key, child] of shape.fields) {
    const { name, note } = fieldName(key, taken, where.nested);
    const inner = fieldGuess(child, {
      name: key,
      parent: where.name,
      inArray: where.inArray,
      depth: where.depth + 1,
      nested: true,
    });
    const missing = shape.objects > 0 ? 1 - child.seen / shape.objects : 0;
    const nulls = child.seen > 0 ? child.nulls / child.seen : 0;
    let guess = withChances(inner.guess, missing, nulls === 1 ? 0 : nulls);
    const notes = [note, inner.comment];
    if (inner.guess.t !== "leaf" && missing > 0)
      notes.push(
        `missing from ${Math.round(missing * 100)} % of the samples: only generator fields can be left out (omit:)`,
      );
    if (nulls > 0 && nulls < 1 && inner.guess.t !== "leaf")
      notes.push(`null in ${Math.round(nulls * 100)} % of the samples: only generator fields can be null (nullable:)`);
    if (inner.guess.t === "leaf" && nulls > 0 && nulls < 1) guess = withChances(guess, 0, nulls);
    const comment = notes.filter(Boolean).join("; ");
    fields.push({ name, guess, ...(comment ? { comment } : {}) });
  }
  return { guess: { t: "object", fields } };
}

function fieldGuess(shape: Shape, where: Where): { guess: Guess; comment?: string } {
  const types = typesSeen(shape);
  const main = types[0];
  if (main === undefined)
    return { guess: { t: "const", value: null }, comment: "always null in the samples: put a generator here" };
  const also = types.length > 1 ? `also seen as ${types.slice(1).join(", ")}; generated as ${main}` : "";
  if (where.depth > MAX_DEPTH && (main === "object" || main === "array")) {
    return {
      guess: { t: "const", value: shape.example },
      comment: `nested deeper than ${MAX_DEPTH} levels: kept as in the sample`,
    };
  }
  let result: { guess: Guess; comment?: string };
  if (main === "object") result = objectGuess(shape, where);
  else if (main === "array") result = arrayGuess(shape, where);
  else {
    const e = evidence(where.name, where.parent, where.inArray);
    e.numbers = shape.numbers;
    e.strings = shape.strings;
    e.trues = shape.trues;
    e.falses = shape.falses;
    result = inferScalar(e, main);
  }
  const comment = [result.comment, also].filter(Boolean).join("; ");
  return { guess: result.guess, ...(comment ? { comment } : {}) };
}

function arrayGuess(shape: Shape, where: Where): { guess: Guess; comment?: string } {
  const lengths = shape.lengths;
  const items = shape.items;
  if (!items || items.seen === 0)
    return {
      guess: { t: "const", value: [] },
      comment: "always empty in the samples: describe its items with {array: ..., length: N}",
    };
  if (shape.mixedItems)
    return { guess: { t: "const", value: shape.example }, comment: "items of mixed types: kept as in the sample" };
  let lo = Math.min(...lengths);
  let hi = Math.max(...lengths);
  const capped = hi > MAX_ARRAY;
  lo = Math.min(lo, MAX_ARRAY);
  hi = Math.min(hi, MAX_ARRAY);
  const inner = fieldGuess(items, {
    name: where.name,
    parent: where.parent,
    inArray: true,
    depth: where.depth + 1,
    nested: true,
  });
  const nulls = items.seen > 0 ? items.nulls / items.seen : 0;
  const guess = withChances(inner.guess, 0, nulls === 1 ? 0 : nulls);
  const comment = [
    inner.comment && `items: ${inner.comment}`,
    capped ? `at most ${MAX_ARRAY} items (the sample has ${Math.max(...lengths)})` : "",
  ]
    .filter(Boolean)
    .join("; ");
  return { guess: { t: "array", items: guess, length: lo === hi ? lo : [lo, hi] }, ...(comment ? { comment } : {}) };
}

/** The event's fields from its merged samples. */
export function eventGuess(shape: Shape): Guess {
  return objectGuess(shape, { name: "", parent: "", inArray: false, depth: 0, nested: false }).guess;
}
