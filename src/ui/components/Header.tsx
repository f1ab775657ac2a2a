/** Who and where, how fast against the target, and the status line (or the rate being typed). */
import { Text } from "ink";
import type { ReactElement } from "react";
import type { Snapshot } from "../../engine/snapshot.ts";
import { duration, rate, thousands } from "../../report/format.ts";
import { useTheme } from "../theme.ts";
import type { Theme } from "../theme.ts";

export interface HeaderProps {
  snapshot: Snapshot;
  /** Digits typed for an exact rate, when typing. */
  rateBuffer: string | undefined;
  status: string;
}

export function Header({ snapshot: s, rateBuffer, status }: HeaderProps): ReactElement {
  const theme = useTheme();
  const profile = s.profile ? ` · profile ${s.profile}` : "";
  const target = s.effectiveRate !== s.targetRate ? `${rate(s.targetRate)} (aiming at ${rate(s.effectiveRate)})` : rate(s.targetRate);
  return (
    <>
      <Text wrap="truncate">
        <Text bold color={theme.accent}>surge</Text>
        {` ${s.scenario} · `}
        <Text bold color={stateColor(s.state, theme)}>{s.state.toUpperCase()}</Text>
        {` · ${duration(s.elapsedMs)} · `}
        <Text color={connectionColor(s.connection, theme)}>{s.connection}</Text>
        {` · ${s.brokers.join(",")}`}
      </Text>
      <Text wrap="truncate">
        {`target ${target}${profile} · generated ${thousands(s.generatedPerSec)} ev/s · acked ${thousands(s.ackedPerSec)} rec/s`}
        {s.behind > 0 ? <Text color={theme.warn}>{` · behind ${thousands(s.behind)}`}</Text> : ""}
      </Text>
      {rateBuffer !== undefined
        ? <Text wrap="truncate" color={theme.warn}>{`set rate › ${rateBuffer}▏ Enter sets · Esc clears`}</Text>
        : <Text wrap="truncate" dimColor={theme.dim}>{`› ${status}`}</Text>}
    </>
  );
}

function connectionColor(c: Snapshot["connection"], theme: Theme): string | undefined {
  if (c === "connected" || c === "dry-run") return theme.good;
  if (c === "failed") return theme.bad;
  return theme.warn;
}

function stateColor(state: Snapshot["state"], theme: Theme): string | undefined {
  if (state === "running") return theme.good;
  if (state === "paused") return theme.warn;
  return theme.accent;
}
