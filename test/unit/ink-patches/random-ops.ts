/**
 * Seeded random Output operation lists: "layout" cases shaped like Ink's own writes (lines side
 * by side, no overlap, inside the frame: the fast path's ground) and "chaos" cases with overlaps,
 * clips, out-of-frame writes, joining graphemes and odd escape codes (stock's ground).
 */
import { Chalk } from "chalk";
import stringWidth from "string-width";
import { Random } from "../../../src/sim/random.ts";
import type { Clip, Op, Transformer } from "./outputs.ts";

const chalk = new Chalk({ level: 3 });
const chalk256 = new Chalk({ level: 2 });

/** Characters that stand alone: ASCII, block and box drawing, CJK, emoji, odd spaces. */
const SAFE = [
  "a",
  "Zq",
  "12.5",
  " ",
  "   ",
  "·",
  "—",
  "×",
  "█",
  "▁▂▃",
  "│",
  "漢字",
  "가",
  "ｱ",
  "😀",
  "\u3000",
  "\u00a0",
  "\u200b",
  "é",
];
/** Characters that join neighbours or are controls: the fast path must decline them. */
const UNSAFE = ["e\u0301", "❤️", "👨‍👩‍👧", "🇩🇪", "\u1100\u1161", "x\ty", "\r", "\u0085", "\ud800"];
/** Escape codes as written by hand: unclosed, resets, compound, non-SGR, links. */
const RAW = [
  "\u001B[31m",
  "\u001B[0m",
  "\u001B[m",
  "\u001B[1;31m",
  "\u001B[38;5;208m",
  "\u001B[22m",
  "\u001B[39;49m",
  "\u001B[2K",
  "\u001B]8;;http://x\u0007",
  "\u001B]8;;\u0007",
  "\u001B[4",
];

type Style = (text: string) => string;
const STYLES: Style[] = [
  chalk.red,
  chalk.green,
  chalk.hex("#ff8800"),
  (t) => chalk256.hex("#3366ff")(t),
  chalk.bgBlue,
  chalk.bgHex("#202020"),
  chalk.bold,
  chalk.dim,
  chalk.bold.dim,
  chalk.inverse,
  chalk.underline,
  chalk.italic,
  chalk.cyan.bold,
  chalk.yellow.bgRed.inverse,
  (t) => chalk.red(`<${chalk.bold(t)}>`),
  (t) => chalk.dim(t + chalk.green(t)),
];

export class Gen {
  private readonly random: Random;
  constructor(readonly seed: number) {
    this.random = new Random(seed);
  }
  next(): number {
    return this.random.next();
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** A piece of text: plain or styled, maybe with trailing spaces (styled or not); rough adds raw codes. */
  piece(chaos: boolean, rough = chaos): string {
    let text = Array.from({ length: 1 + this.int(3) }, () => this.pick(chaos && this.chance(0.3) ? UNSAFE : SAFE)).join(
      "",
    );
    if (this.chance(0.5)) text = this.pick(STYLES)(text);
    if (this.chance(0.2)) text += " ".repeat(1 + this.int(3));
    if (this.chance(0.1)) text = this.pick(STYLES)(text + "  ");
    if (rough && this.chance(0.25)) text = this.chance(0.5) ? this.pick(RAW) + text : text + this.pick(RAW);
    return text;
  }

  line(chaos: boolean, rough = chaos): string {
    return Array.from({ length: 1 + this.int(4) }, () => this.piece(chaos, rough)).join(this.chance(0.3) ? " " : "");
  }

  transformers(chaos: boolean): Transformer[] {
    const all: Transformer[] = [
      (line) => chalk.magenta(line), // like Ink's <Text color>
      (line) => line, // <Text> with no style
      (line) => chalk.bold(line),
    ];
    if (chaos)
      all.push(
        (line, index) => `${index}:${line.toUpperCase()}`,
        (line) => `\u001B[4m${line}`,
        () => "",
      );
    return Array.from({ length: this.int(3) }, () => this.pick(all));
  }

  /**
   * Lines laid out side by side as Ink's boxes place them: inside the frame, never overlapping;
   * rough ones carry hand-written escape codes and odd transformers.
   */
  layout(width: number, height: number, rough = false): Op[] {
    const ops: Op[] = [];
    for (let y = 0; y < height; y++) {
      let x = this.int(3);
      while (x < width && this.chance(0.8)) {
        const transformers = this.transformers(rough);
        const rows = this.chance(0.15) ? 2 : 1;
        if (y + rows > height) break;
        const lines = Array.from({ length: rows }, () => this.line(false, rough));
        const w = Math.max(...lines.map((l) => stringWidth(l)));
        if (x + w > width && this.chance(0.8)) break; // now and then past the edge, as on a resize
        if (lines.every((l) => l === "")) break;
        ops.push({ type: "write", x, y, text: lines.join("\n"), transformers });
        x += w + this.int(4);
      }
    }
    return this.chance(0.5) ? ops.reverse() : ops;
  }

  /** Anything Ink's Output accepts. */
  chaos(width: number, height: number): Op[] {
    const ops: Op[] = [];
    let clips = 0;
    for (let i = this.int(12); i >= 0; i--) {
      const r = this.next();
      if (r < 0.08) {
        const clip: Clip = {};
        if (this.chance(0.7)) Object.assign(clip, { x1: this.int(width), x2: this.int(width + 3) });
        if (this.chance(0.7)) Object.assign(clip, { y1: this.int(height), y2: this.int(height + 2) });
        ops.push({ type: "clip", clip });
        clips++;
      } else if (r < 0.12 && clips > 0) {
        ops.push({ type: "unclip" });
        clips--;
      } else {
        const lines = Array.from({ length: this.chance(0.2) ? 2 + this.int(3) : 1 }, () => this.line(true));
        const x = this.chance(0.05) ? -1 : this.int(width + 2);
        const y = this.chance(0.05) ? -1 : this.int(height + 1);
        ops.push({ type: "write", x, y, text: lines.join("\n"), transformers: this.transformers(true) });
      }
    }
    return ops;
  }
}
