/** Every problem of a fleet at once, each as "path: what is wrong" (with a "did you mean" for typos). */
import { closest } from "../../common/suggest.ts";

type Map_ = Record<string, unknown>;

export class Problems {
  readonly list: string[] = [];
  /** Things that work but are probably not what was meant (a kind setting inside fields). */
  readonly warnings: string[] = [];
  add(path: string, problem: string): void {
    this.list.push(`${path}: ${problem}`);
  }
  unknownKeys(map: Map_, known: readonly string[], path: string): void {
    for (const key of Object.keys(map)) {
      if (known.includes(key)) continue;
      const guess = closest(key, known);
      this.add(
        path,
        `unknown key ${JSON.stringify(key)}${guess ? ` (did you mean "${guess}"?)` : ` (expected one of: ${known.join(", ")})`}`,
      );
    }
  }
}
