/** JSON type of a field's value; "json" is a ready-made JSON fragment (an object, e.g. a location). */
export type ValueType = "number" | "string" | "boolean" | "json";
