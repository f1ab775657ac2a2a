/**
 * The dashboard's root: one snapshot feed (useSnapshot), the key map, and the actions context
 * through which every key reaches the engine as a command.
 */
import { useInput, useStdin } from "ink";
import type { ReactElement } from "react";
import { useCallback, useMemo, useRef, useState } from "react";
import type { Snapshot } from "../engine/snapshot.ts";
import { ANOMALY_KINDS } from "../sim/anomalies/index.ts";
import type { Actions } from "./actions.ts";
import { ActionsContext, useActions } from "./actions.ts";
import { FrameView } from "./components/Frame.tsx";
import type { EnginePort } from "./engine-port.ts";
import { cachedFrames } from "./frame/frame-cache.ts";
import { latencyViews } from "./frame/e2e-view.ts";
import { sameLines } from "./frame/line.ts";
import { useSnapshot } from "./hooks/use-snapshot.ts";
import { useTerminalSize } from "./hooks/use-terminal-size.ts";
import type { KeyContext } from "./keys.ts";
import { handleKey, splitInput } from "./keys.ts";
import type { Theme } from "./theme.ts";
import { PLAIN_THEME } from "./theme.ts";
import type { UiState } from "./ui-state.ts";
import { initialUi } from "./ui-state.ts";

export interface AppProps {
  engine: EnginePort;
  /** Frames per second, at most 10. */
  hz: number;
  theme?: Theme;
  /** The run's last snapshot: shown as is, no more polling. */
  final?: Snapshot | undefined;
  /** Second Ctrl-C: the runner leaves without waiting for the flush. */
  onForceQuit?: () => void;
}

export function App({ engine, hz, theme = PLAIN_THEME, final, onForceQuit }: AppProps): ReactElement {
  const size = useTerminalSize();
  const [ui, setUi] = useState<UiState>(initialUi);
  // Keys can arrive several per tick: each one starts from the state the previous one left.
  const uiRef = useRef(ui);
  const build = useMemo(cachedFrames, []);
  const view = useRef({ size, theme });
  view.current = { size, theme };
  // A snapshot that draws the frame already on screen is not rendered at all.
  const unchanged = useCallback(
    (shown: Snapshot, next: Snapshot): boolean => {
      const { size: sz, theme: th } = view.current;
      const a = build(shown, uiRef.current, sz, th);
      const b = build(next, uiRef.current, sz, th);
      return a.width === b.width && sameLines(a.lines, b.lines);
    },
    [build],
  );
  const snapshot = useSnapshot(engine, hz, final, unchanged);
  const noticeRef = useRef(snapshot.notice);
  noticeRef.current = snapshot.notice;
  const actions = useMemo<Actions>(() => {
    const say = (text: string): void => {
      uiRef.current = { ...uiRef.current, status: { text, noticeThen: noticeRef.current } };
      setUi(uiRef.current);
    };
    return {
      send: (command) => {
        const result = engine.dispatch(command);
        say(result.message);
        return result;
      },
      say,
      forceQuit: () => onForceQuit?.(),
    };
  }, [engine, onForceQuit]);
  const menuContext = useMemo<KeyContext>(
    () => ({
      kinds: ANOMALY_KINDS,
      topics: snapshot.topics.map((t) => t.name),
      topicCount: snapshot.topics.length,
      views: latencyViews(snapshot.e2e),
    }),
    [snapshot.topics, snapshot.e2e],
  );
  const update = (next: UiState): void => {
    uiRef.current = next;
    setUi(next);
  };
  return (
    <ActionsContext.Provider value={actions}>
      <Keys ui={uiRef} context={menuContext} update={update} />
      <FrameView frame={build(snapshot, ui, size, theme)} />
    </ActionsContext.Provider>
  );
}

interface KeysProps {
  ui: { current: UiState };
  context: KeyContext;
  update: (next: UiState) => void;
}

/** Turns key presses into UI state and engine commands; renders nothing. */
function Keys({ ui, context, update }: KeysProps): null {
  const actions = useActions();
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key) => {
      for (const part of splitInput(input, key)) {
        // Keys typed faster than a frame arrive as one string: a return inside it is still Enter.
        const out =
          part === "\r"
            ? handleKey(ui.current, "", { ...key, return: true }, context)
            : handleKey(ui.current, part, key, context);
        update(out.state);
        if (out.message !== undefined) actions.say(out.message);
        if (out.command) actions.send(out.command);
        if (out.forceQuit) actions.forceQuit();
      }
    },
    { isActive: isRawModeSupported === true },
  );
  return null;
}
