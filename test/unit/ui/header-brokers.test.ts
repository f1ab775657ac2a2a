/** The dashboard's header names the brokers that do not answer, and for how long. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { headerLines } from "../../../src/ui/frame/header.ts";
import { PLAIN_THEME } from "../../../src/ui/theme.ts";
import { snapshot, T0 } from "./fixtures.ts";

const text = (s: ReturnType<typeof snapshot>): string =>
  headerLines(s, undefined, "", PLAIN_THEME)[0]!
    .map((g) => g.text)
    .join("");

test("a broker in trouble shows in the header with its state and how long", () => {
  const s = snapshot({
    brokerStates: [
      { id: 1, address: "127.0.0.1:19092", state: "up", sinceMs: T0 - 90_000 },
      { id: 2, address: "127.0.0.1:19102", state: "unresponsive", sinceMs: T0 - 4_200 },
    ],
  });
  assert.match(text(s), / · broker 2 unresponsive 4\.2s$/);
  assert.doesNotMatch(text(s), /broker 1/);
});

test("all brokers answering: the header is unchanged", () => {
  const up = snapshot({ brokerStates: [{ id: 1, address: "127.0.0.1:19092", state: "up", sinceMs: T0 }] });
  assert.equal(text(up), text(snapshot()));
});
