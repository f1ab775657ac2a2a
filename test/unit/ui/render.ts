/** ink-testing-library at a chosen terminal size, and a way to let Ink settle after input. */
import type { ReactElement } from "react";
import { render } from "ink-testing-library";

export type Rendered = ReturnType<typeof render>;

export const settle = (ms = 15): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Renders, then gives the fake stdout a size and tells the app it was resized. React runs the
 * size hook's effect a little after the first frame (tens of ms on a cold start): wait for a
 * frame drawn at the new size, up to 2 s; a frame that never fits is left for the test to see.
 */
export async function renderAt(tree: ReactElement, columns: number, rows: number): Promise<Rendered> {
  const r = render(tree);
  resize(r, columns, rows);
  const fits = (): boolean => {
    const lines = (r.lastFrame() ?? "").split("\n");
    return lines.length < rows && lines.every((l) => [...l].length <= columns);
  };
  for (let waited = 0; waited < 2000 && !fits(); waited += 10) await settle(10);
  await settle();
  return r;
}

export function resize(r: Rendered, columns: number, rows: number): void {
  Object.defineProperty(r.stdout, "columns", { value: columns, configurable: true });
  Object.defineProperty(r.stdout, "rows", { value: rows, configurable: true });
  r.stdout.emit("resize");
}

/** Key sequences as a terminal sends them. */
export const KEYS = {
  up: "\u001B[A",
  down: "\u001B[B",
  left: "\u001B[D",
  enter: "\r",
  escape: "\u001B",
  tab: "\t",
  backspace: "\u007F",
  ctrlC: "\u0003",
} as const;

/** Writes keys one at a time, as a person types. */
export async function type(r: Rendered, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    r.stdin.write(key);
    await settle(5);
  }
  await settle();
}
