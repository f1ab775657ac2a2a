/** HOST:PORT for a listening socket; ":9464" (no host) means 127.0.0.1, never every interface. */
import type { Parser } from "../common/values.ts";

export interface ListenAddress {
  host: string;
  port: number;
}

const HINT = "must be HOST:PORT or :PORT, like :9464 (127.0.0.1), 0.0.0.0:9464 (every interface) or [::1]:9464";

export const listenAddressValue: Parser<ListenAddress> = (raw) => {
  const text = typeof raw === "string" ? raw.trim() : typeof raw === "number" ? `:${raw}` : "";
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^\s:[\]]*)):(\d{1,5})$/.exec(text);
  const port = Number(match?.[3]);
  if (!match || !Number.isInteger(port) || port > 65535) return { ok: false, problem: HINT };
  const host = match[1] ?? match[2] ?? "";
  return { ok: true, value: { host: host === "" ? "127.0.0.1" : host, port } };
};
