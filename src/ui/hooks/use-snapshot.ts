/**
 * The one feed of the dashboard: polls the engine's frozen snapshot on a fixed clock (≤ 10 Hz),
 * never per message. A snapshot that would draw the same frame as the one shown is dropped, so
 * neither React nor Ink does any work for it. Once `final` is given, it shows that and stops polling.
 */
import { useEffect, useRef, useState } from "react";
import type { Snapshot } from "../../engine/snapshot.ts";
import type { EnginePort } from "../engine-port.ts";

export const MAX_HZ = 10;

/** True when `next` would look exactly like `shown` on screen. */
export type Unchanged = (shown: Snapshot, next: Snapshot) => boolean;

export function useSnapshot(engine: EnginePort, hz: number, final?: Snapshot, unchanged?: Unchanged): Snapshot {
  const [snapshot, setSnapshot] = useState<Snapshot>(() => final ?? engine.snapshot());
  const shown = useRef(snapshot);
  const same = useRef(unchanged);
  same.current = unchanged;
  useEffect(() => {
    if (final) return undefined;
    const period = 1000 / Math.min(Math.max(hz, 0.1), MAX_HZ);
    const timer = setInterval(() => {
      const next = engine.snapshot();
      if (same.current?.(shown.current, next)) return;
      shown.current = next;
      setSnapshot(next);
    }, period);
    return () => clearInterval(timer);
  }, [engine, hz, final]);
  // The final snapshot shows in the very render that brings it: the runner unmounts right after.
  return final ?? snapshot;
}
