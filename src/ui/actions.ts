/**
 * Actions live in their own context, apart from the snapshot: a key press that sends a command
 * does not make the charts re-render, and the panels never see the engine.
 */
import { createContext, useContext } from "react";
import type { Command, CommandResult } from "../engine/commands.ts";

export interface Actions {
  /** Sends a command to the engine; the result's message goes to the status line. */
  send(command: Command): CommandResult;
  /** Puts a message of the dashboard's own on the status line. */
  say(text: string): void;
  /** Leave at once, without waiting for the flush (second Ctrl-C). */
  forceQuit(): void;
}

const NO_ACTIONS: Actions = {
  send: () => ({ ok: false, message: "no engine" }),
  say: () => undefined,
  forceQuit: () => undefined,
};

export const ActionsContext = createContext<Actions>(NO_ACTIONS);

export const useActions = (): Actions => useContext(ActionsContext);
