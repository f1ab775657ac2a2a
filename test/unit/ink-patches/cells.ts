/**
 * "Draws the same": for every row, the same sequence of (character, active styles) cells as
 * @alcalzone/ansi-tokenize reads them (Ink's own reader), and the same text without ANSI codes.
 * SGR spelling may differ: stock Ink re-serialises codes, the fast path keeps them as written.
 */
import assert from "node:assert/strict";
import { stripVTControlCharacters } from "node:util";
import { styledCharsFromTokens, tokenize } from "@alcalzone/ansi-tokenize";

export interface Drawn {
  output: string;
  height: number;
}

/** One string per cell: its character, then its styles as a sorted set of codes. */
export function cells(row: string): string[] {
  return styledCharsFromTokens(tokenize(row)).map(
    (c) => `${c.value}\u0000${[...new Set(c.styles.map((s) => s.code))].sort().join(",")}`,
  );
}

export function assertSameDrawing(got: Drawn, want: Drawn, label: string): void {
  assert.equal(got.height, want.height, `${label}: height`);
  const gotRows = got.output.split("\n");
  const wantRows = want.output.split("\n");
  assert.equal(gotRows.length, wantRows.length, `${label}: rows`);
  wantRows.forEach((row, y) => {
    assert.equal(stripVTControlCharacters(gotRows[y]!), stripVTControlCharacters(row), `${label}: text of row ${y}`);
    assert.deepEqual(
      cells(gotRows[y]!),
      cells(row),
      `${label}: cells of row ${y}: ${JSON.stringify(gotRows[y])} vs ${JSON.stringify(row)}`,
    );
  });
}
