/**
 * Strings that match a regular expression (JSON Schema's `pattern`, the `regex` generator):
 * the pattern is parsed once into a tree of literals, character sets, sequences, alternatives
 * and repeats, then each draw walks it. Anchors are implied (the whole string matches);
 * back-references and look-arounds cannot be generated and are named as problems.
 */

type Node =
  | { k: "set"; chars: string }
  | { k: "seq"; items: Node[] }
  | { k: "alt"; options: Node[] }
  | { k: "rep"; node: Node; min: number; max: number };

/** Extra repeats drawn for open-ended * + {n,}: strings stay short. */
const OPEN_EXTRA = 6;
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");
const DIGITS = "0123456789";
const WORD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";
const SPACE = " ";
const DOT = WORD.slice(0, -1);

/** `longest`: every repeat takes its most (one length for all texts: see indexedDraw). */
export type RegexDraw = (next: (n: number) => number, longest?: boolean) => string;

/** A drawing function for `pattern`, or the reason it cannot be generated. */
export function regexDraw(pattern: string): RegexDraw | { problem: string } {
  try {
    const p = new Parser(pattern);
    const tree = p.alternatives();
    if (p.at < pattern.length) throw new Error(`unbalanced ) at ${p.at}`);
    return (next, longest = false) => draw(tree, next, longest);
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * A draw by index: the index's digits in the mixed radix of the choices (each shifted by a
 * fixed offset so neighbours do not look alike) make the choices, repeats take their most, so
 * two indexes below the number of such texts give two different texts (ids drawn per device
 * never collide; a pattern with alternatives that spell the same text is the exception).
 */
export function indexedDraw(d: RegexDraw, salt: string): (index: number) => string {
  let h = 2166136261;
  for (let i = 0; i < salt.length; i++) h = Math.imul(h ^ salt.charCodeAt(i), 16777619) >>> 0;
  const offsets = Array.from({ length: 64 }, () => (h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0));
  return (index) => {
    let x = index;
    let i = 0;
    return d((n) => {
      const digit = x % n;
      x = Math.floor(x / n);
      return (digit + (offsets[i++ & 63] as number)) % n;
    }, true);
  };
}

function draw(node: Node, next: (n: number) => number, longest: boolean): string {
  switch (node.k) {
    case "set":
      return node.chars[next(node.chars.length)] as string;
    case "seq": {
      let s = "";
      for (const item of node.items) s += draw(item, next, longest);
      return s;
    }
    case "alt":
      return draw(node.options[next(node.options.length)] as Node, next, longest);
    case "rep": {
      const n = longest ? node.max : node.min + next(node.max - node.min + 1);
      let s = "";
      for (let i = 0; i < n; i++) s += draw(node.node, next, longest);
      return s;
    }
  }
}

class Parser {
  at = 0;
  constructor(private readonly src: string) {}

  private peek(): string | undefined {
    return this.src[this.at];
  }

  alternatives(): Node {
    const options = [this.sequence()];
    while (this.peek() === "|") {
      this.at++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { k: "alt", options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    for (let c = this.peek(); c !== undefined && c !== "|" && c !== ")"; c = this.peek()) {
      if (c === "^" || c === "$") {
        this.at++;
        continue;
      }
      items.push(this.quantified(this.atom()));
    }
    return { k: "seq", items };
  }

  private atom(): Node {
    const c = this.src[this.at++] as string;
    if (c === "(") {
      if (this.src.startsWith("?:", this.at)) this.at += 2;
      else if (/^\?<[A-Za-z_]\w*>/.test(this.src.slice(this.at))) this.at = this.src.indexOf(">", this.at) + 1;
      else if (this.peek() === "?")
        throw new Error(`look-around (${this.src.slice(this.at - 1, this.at + 3)}...) cannot be generated`);
      const inner = this.alternatives();
      if (this.src[this.at++] !== ")") throw new Error("missing )");
      return inner;
    }
    if (c === "[") return this.bracket();
    if (c === ".") return { k: "set", chars: DOT };
    if (c === "\\") return { k: "set", chars: this.escape(false) };
    if ("*+?{".includes(c) && !(c === "{" && !/^\d/.test(this.src.slice(this.at))))
      throw new Error(`nothing to repeat before ${c} at ${this.at - 1}`);
    return { k: "set", chars: c };
  }

  /** After a backslash: the characters it stands for. */
  private escape(inClass: boolean): string {
    const c = this.src[this.at++];
    if (c === undefined) throw new Error("a pattern cannot end with \\");
    switch (c) {
      case "d":
        return DIGITS;
      case "w":
        return WORD;
      case "s":
        return SPACE;
      case "D":
        return without(PRINTABLE, DIGITS);
      case "W":
        return without(PRINTABLE, WORD);
      case "S":
        return without(PRINTABLE, " ");
      case "t":
        return "\t";
      case "n":
        return "\n";
      case "r":
        return "\r";
      case "b":
        if (inClass) return "\b";
        throw new Error("\\b (a word boundary) cannot be generated");
      case "x":
      case "u": {
        const braces = c === "u" && this.peek() === "{";
        const m = (braces ? /^\{([0-9A-Fa-f]{1,6})\}/ : c === "x" ? /^([0-9A-Fa-f]{2})/ : /^([0-9A-Fa-f]{4})/).exec(
          this.src.slice(this.at),
        );
        if (!m) throw new Error(`\\${c} needs hex digits`);
        this.at += (m[0] as string).length;
        return String.fromCodePoint(parseInt(m[1] as string, 16));
      }
      default:
        if (/[1-9]/.test(c) || c === "k") throw new Error(`back-reference \\${c} cannot be generated`);
        if (/[A-Za-z]/.test(c) && !"fv".includes(c)) throw new Error(`\\${c} is not supported`);
        return c === "f" ? "\f" : c === "v" ? "\v" : c;
    }
  }

  private bracket(): Node {
    const negate = this.peek() === "^";
    if (negate) this.at++;
    let chars = "";
    let first = true;
    for (;;) {
      const c = this.src[this.at++];
      if (c === undefined) throw new Error("missing ]");
      if (c === "]" && !first) break;
      first = false;
      const from = c === "\\" ? this.escape(true) : c;
      if (
        from.length === 1 &&
        this.peek() === "-" &&
        this.src[this.at + 1] !== "]" &&
        this.src[this.at + 1] !== undefined
      ) {
        this.at++;
        const d = this.src[this.at++] as string;
        const to = d === "\\" ? this.escape(true) : d;
        const a = from.codePointAt(0) as number;
        const b = to.codePointAt(0) as number;
        if (to.length !== 1 || b < a) throw new Error(`bad range ${from}-${to}`);
        for (let x = a; x <= b && x - a < 4096; x++) chars += String.fromCodePoint(x);
      } else chars += from;
    }
    const set = negate ? without(PRINTABLE, chars) : [...new Set(chars)].join("");
    if (set.length === 0) throw new Error("a character class that matches nothing");
    return { k: "set", chars: set };
  }

  private quantified(node: Node): Node {
    let out = node;
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      if (c === "*" || c === "+" || c === "?") {
        this.at++;
        min = c === "+" ? 1 : 0;
        max = c === "?" ? 1 : min + OPEN_EXTRA;
      } else if (c === "{" && /^\{\d+(,\d*)?\}/.test(this.src.slice(this.at))) {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.at)) as RegExpExecArray;
        this.at += (m[0] as string).length;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === "" ? min + OPEN_EXTRA : Number(m[3]);
        if (max < min || max > 10_000) throw new Error(`bad repeat ${m[0]}`);
      } else return out;
      if (this.peek() === "?") this.at++; // lazy: the same strings
      out = { k: "rep", node: out, min, max };
    }
  }
}

function without(all: string, drop: string): string {
  return [...all].filter((c) => !drop.includes(c)).join("");
}
