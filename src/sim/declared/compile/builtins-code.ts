/**
 * The built-in names of a kind's generated code (dt, now, first, group, member, index, ...):
 * what each reads, and the statements that compute the ones used, once per event.
 */
import { BUILTINS } from "../builtins.ts";
import type { FieldVar, ModelTables } from "./context.ts";

/** How a kind's devices sit in groups: JS expressions of the group index and the member index from j. */
export interface GroupCode {
  /** Groups of this kind (group fields' caches are sized by it). */
  count: number;
  g: string;
  member: string;
}

export class BuiltinCode {
  private readonly used = new Set<string>();
  private last = "";

  constructor(
    private readonly tables: ModelTables,
    private readonly devices: number,
    private readonly kindName: string,
    private readonly group?: GroupCode,
  ) {}

  /** The code of a built-in name, or undefined for a name that is none. */
  read(name: string): FieldVar | undefined {
    const spec = BUILTINS[name];
    if (!Object.hasOwn(BUILTINS, name) || !spec) return undefined;
    this.used.add(name);
    const code =
      name === "index"
        ? "d"
        : name === "number"
          ? "(d + 1)"
          : name === "kind"
            ? JSON.stringify(this.kindName)
            : name === "now"
              ? "(_sn / 1000)"
              : name === "dt"
                ? "_dt"
                : name === "first"
                  ? "_first"
                  : name === "anomaly"
                    ? "!healthy"
                    : name === "group"
                      ? "_g"
                      : "_m";
    return { code, type: spec.type };
  }

  /** The group index variable for group fields (marks it used). */
  groupIndex(): string {
    this.used.add("group");
    return "_g";
  }

  /** Statements at the top of the event (after the due check). */
  head(): string[] {
    const u = this.used;
    const lines: string[] = [];
    if (u.has("now") || u.has("dt") || u.has("first")) lines.push("const _sn = clock.simMs(t);");
    if (u.has("dt") || u.has("first")) {
      this.last = this.tables.state("last event time", "f64", 1, NaN, this.devices);
      lines.push(
        `const _tl = ${this.last}[j]; const _first = _tl !== _tl; const _dt = _first ? 0 : Math.max(0, _sn - _tl) / 1000;`,
      );
    }
    if (u.has("group") || u.has("member"))
      lines.push(this.group ? `const _g = ${this.group.g}; const _m = ${this.group.member};` : "const _g = 0, _m = 0;");
    return lines;
  }

  /** Statements at the end of the event. */
  tail(): string[] {
    return this.last ? [`${this.last}[j] = _sn;`] : [];
  }
}
