/** What the dashboard needs from the engine: frozen snapshots in, typed commands out. */
import type { Command, CommandResult } from "../engine/commands.ts";
import type { Snapshot } from "../engine/snapshot.ts";

export interface EnginePort {
  snapshot(): Snapshot;
  dispatch(command: Command): CommandResult;
}
