/** A terminal a test can type into and read: a private tmux server (its own socket) per screen. */
import { execFileSync } from "node:child_process";

export class TmuxScreen {
  private readonly socket = `surge-e2e-${process.pid}-${Date.now().toString(36)}`;

  /** Starts `command` (run by sh) in a columns × rows terminal. */
  constructor(command: string, columns: number, rows: number) {
    this.tmux("new-session", "-d", "-s", "main", "-x", String(columns), "-y", String(rows), command);
  }

  /** The visible screen, one string per row; with `history`, that many rows above it too. */
  capture(history = 0): string {
    return this.tmux("capture-pane", "-p", "-t", "main", ...(history > 0 ? ["-S", String(-history)] : []));
  }

  /** tmux key names ("Enter", "Escape", "Up") or literal text. */
  keys(...keys: string[]): void {
    this.tmux("send-keys", "-t", "main", ...keys);
  }

  /** Polls the screen until `check` returns something other than undefined. */
  async waitFor<T>(what: string, check: (screen: string) => T | undefined, timeoutMs = 30_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    let screen = "";
    while (Date.now() < until) {
      screen = this.capture();
      const found = check(screen);
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`timed out waiting for ${what}; the screen:\n${screen}`);
  }

  close(): void {
    try {
      this.tmux("kill-server");
    } catch {
      // Already gone.
    }
  }

  private tmux(...args: string[]): string {
    return execFileSync("tmux", ["-L", this.socket, "-f", "/dev/null", ...args], { encoding: "utf8" });
  }
}
