/**
 * What surge's producer knows of each broker: up, unreachable (connections refused or closed) or
 * unresponsive (requests unanswered), and since when; every change is told once, as a run event.
 */
export type BrokerState = "up" | "unreachable" | "unresponsive";

export interface BrokerStatus {
  id: number;
  address: string;
  state: BrokerState;
  /** When the broker entered this state (epoch ms). */
  sinceMs: number;
}

export class BrokerHealth {
  private readonly brokers = new Map<number, BrokerStatus>();
  /** Told once per change: "broker 2 (127.0.0.1:19093) unresponsive: ...", "broker 2 ... back after 10.2 s". */
  onChange: (message: string) => void = () => {};

  ok(id: number, address: string, nowMs: number): void {
    const known = this.brokers.get(id);
    if (known && known.state === "up") return;
    this.brokers.set(id, { id, address, state: "up", sinceMs: nowMs });
    if (known)
      this.onChange(
        `broker ${id} (${address}) back after ${((nowMs - known.sinceMs) / 1000).toFixed(1)} s ${known.state}`,
      );
  }

  trouble(id: number, where: string, state: Exclude<BrokerState, "up">, why: string, nowMs: number): void {
    const known = this.brokers.get(id);
    // A broker the client has already forgotten is named by the address it last had.
    const address = known && where.startsWith("node ") ? known.address : where;
    if (known && known.state === state) return;
    // A broker already in trouble keeps the start of its outage.
    const sinceMs = known && known.state !== "up" ? known.sinceMs : nowMs;
    this.brokers.set(id, { id, address, state, sinceMs });
    this.onChange(`broker ${id} (${address}) ${state}: ${why}`);
  }

  isUp(id: number): boolean {
    return this.brokers.get(id)?.state !== "unresponsive" && this.brokers.get(id)?.state !== "unreachable";
  }

  list(): readonly BrokerStatus[] {
    return Object.freeze([...this.brokers.values()].sort((a, b) => a.id - b.id).map((b) => Object.freeze({ ...b })));
  }
}
