/** A problem's path (fleet.meter.fields.phases[].volts, timeline[2].at) → line:col of that entry in the YAML file. */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";

export interface Located {
  line: number;
  col: number;
}

export class YamlLocator {
  private readonly counter = new LineCounter();
  private readonly doc: Document;

  constructor(text: string) {
    this.doc = parseDocument(text, { lineCounter: this.counter, prettyErrors: false, uniqueKeys: false });
  }

  /**
   * Where `path` is, or its deepest existing ancestor (a missing key is reported at its parent).
   * Keys may hold dots: at each map the longest key that matches the rest of the path wins.
   */
  locate(path: string): Located | undefined {
    let node: unknown = this.doc.contents;
    let at: Node | undefined = isNodeLike(node) ? node : undefined;
    let rest = path;
    let matched = false;
    while (rest !== "" && node) {
      if (rest.startsWith(".")) rest = rest.slice(1);
      if (rest.startsWith("[]")) {
        rest = `array${rest.slice(2)}`;
      }
      const index = /^\[(\d+)\]/.exec(rest);
      if (index && isSeq(node)) {
        node = node.items[Number(index[1])];
        if (isNodeLike(node)) at = node;
        matched = true;
        rest = rest.slice(index[0].length);
        continue;
      }
      if (!isMap(node)) break;
      let best: { key: Node; value: unknown; length: number } | undefined;
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined || !rest.startsWith(key)) continue;
        const next = rest.charAt(key.length);
        if ((next === "" || next === "." || next === "[") && (!best || key.length > best.length)) {
          best = { key: pair.key as Node, value: pair.value, length: key.length };
        }
      }
      if (!best) break;
      matched = true;
      at = best.key;
      node = best.value;
      rest = rest.slice(best.length);
    }
    const start = at?.range?.[0];
    if (start === undefined || (!matched && path !== "")) return undefined;
    const { line, col } = this.counter.linePos(start);
    return { line, col };
  }
}

function isNodeLike(v: unknown): v is Node {
  return typeof v === "object" && v !== null && "range" in v;
}
