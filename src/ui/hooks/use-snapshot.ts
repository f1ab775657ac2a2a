/**
 * The one feed of the dashboard: polls the engine's frozen snapshot on a fixed clock (≤ 10 Hz),
 * never per message. Once `final` is given, it shows that and stops polling.
 */
import { useEffect, useState } from "react";
import type { Snapshot } from "../../engine/snapshot.ts";
import type { EnginePort } from "../engine-port.ts";

export const MAX_HZ = 10;

export function useSnapshot(engine: EnginePort, hz: number, final?: Snapshot): Snapshot {
  const [snapshot, setSnapshot] = useState<Snapshot>(() => final ?? engine.snapshot());
  useEffect(() => {
    if (final) return undefined;
    const period = 1000 / Math.min(Math.max(hz, 0.1), MAX_HZ);
    const timer = setInterval(() => setSnapshot(engine.snapshot()), period);
    return () => clearInterval(timer);
  }, [engine, hz, final]);
  // The final snapshot shows in the very render that brings it: the runner unmounts right after.
  return final ?? snapshot;
}
