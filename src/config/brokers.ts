/** Broker lists: "host:port,host:port"; a bare host gets Kafka's default port 9092. */
import type { Parser } from "../common/values.ts";

const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9.-]*[a-z0-9])?)$/i;

export const brokersValue: Parser<string[]> = (raw) => {
  const problem = "must be a comma-separated list of host:port, e.g. localhost:9092,kafka-2:9092";
  if (typeof raw !== "string") return { ok: false, problem };
  const entries = raw
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "");
  if (entries.length === 0) return { ok: false, problem };
  const brokers: string[] = [];
  for (const entry of entries) {
    const broker = normalise(entry);
    if (broker === undefined) return { ok: false, problem: `${problem} (${JSON.stringify(entry)} is not)` };
    brokers.push(broker);
  }
  return { ok: true, value: brokers };
};

function normalise(entry: string): string | undefined {
  // IPv6 literals come in brackets ("[::1]:9092"); anything else has at most one colon.
  const split = entry.startsWith("[") ? entry.indexOf("]") + 1 : entry.indexOf(":");
  const host = split > 0 && split < entry.length ? entry.slice(0, split) : entry;
  const rest = entry.slice(host.length);
  const port = rest === "" ? "9092" : rest.startsWith(":") ? rest.slice(1) : "";
  if (!HOST.test(host) || !/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) return undefined;
  return `${host}:${port}`;
}
