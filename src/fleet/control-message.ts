/**
 * Commands for a whole fleet (surge watch → every instance), signed with the fleet's token
 * (HMAC-SHA256 over the message without its signature), so a stray producer on the control topic
 * cannot steer the fleet. The token itself never travels.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Command } from "../engine/commands.ts";

/** A command older than this is not applied (a replay, or a watcher's clock far off). */
export const CONTROL_MAX_AGE_MS = 60_000;

export interface ControlMessage {
  v: 1;
  fleet: string;
  /** Unique per command: instances answer with it, and apply each id once. */
  id: string;
  atMs: number;
  command: Command;
  /** hex HMAC-SHA256 of the other fields. */
  sig: string;
}

const signedText = (m: Omit<ControlMessage, "sig">): string => JSON.stringify([m.v, m.fleet, m.id, m.atMs, m.command]);

const hmac = (token: string, text: string): string => createHmac("sha256", token).update(text).digest("hex");

export function signControl(token: string, fleet: string, command: Command, nowMs: number, id: string): ControlMessage {
  const body = { v: 1 as const, fleet, id, atMs: nowMs, command };
  return { ...body, sig: hmac(token, signedText(body)) };
}

/** The command to apply, or why it is refused (one line, never the token). */
export type CheckedControl = { id: string; atMs: number } & ({ command: Command } | { refused: string });

export function checkControl(
  text: string,
  token: string | undefined,
  fleet: string,
  nowMs: number,
): CheckedControl | undefined {
  let m: ControlMessage;
  try {
    m = JSON.parse(text) as ControlMessage;
  } catch {
    return undefined;
  }
  if (
    typeof m !== "object" ||
    m === null ||
    m.v !== 1 ||
    typeof m.id !== "string" ||
    m.fleet !== fleet ||
    typeof m.atMs !== "number"
  )
    return undefined;
  const { id, atMs } = m;
  if (token === undefined)
    return { id, atMs, refused: "this instance has no --fleet-token: it takes no fleet commands" };
  const expected = Buffer.from(hmac(token, signedText(m)), "hex");
  const given = Buffer.from(typeof m.sig === "string" ? m.sig : "", "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { id, atMs, refused: "refused: not signed with this fleet's token" };
  if (Math.abs(nowMs - atMs) > CONTROL_MAX_AGE_MS)
    return { id, atMs, refused: "refused: too old (or the clocks are more than a minute apart)" };
  if (typeof m.command !== "object" || m.command === null || typeof m.command.type !== "string")
    return { id, atMs, refused: "refused: no command" };
  return { id, atMs, command: m.command };
}
