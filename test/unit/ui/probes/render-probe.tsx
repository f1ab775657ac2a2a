/**
 * Run in a child process by terminal.test.tsx, so that CI, NO_COLOR and FORCE_COLOR are read
 * fresh at import time (Ink and chalk read them once). Prints what Ink wrote, as JSON.
 *   incremental: two frames of a 3-line component with incrementalRendering on a fake TTY
 *   dashboard:   the dashboard with the theme run-dashboard would pick from the environment
 */
import { EventEmitter } from "node:events";
import { Box, render, Text } from "ink";
import { App } from "../../../../src/ui/App.tsx";
import { themeFor } from "../../../../src/ui/theme.ts";
import { busy } from "../scenes.tsx";

class FakeTty extends EventEmitter {
  readonly isTTY = true;
  columns = 100;
  rows = 30;
  readonly writes: string[] = [];
  write(chunk: string): boolean {
    this.writes.push(chunk);
    return true;
  }
}

const stdout = new FakeTty();
const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const lines = (n: number): React.ReactElement => (
  <Box flexDirection="column">
    <Text>line A {n}</Text>
    <Text>line B</Text>
    <Text>line C {n}</Text>
  </Box>
);

if (process.argv[2] === "incremental") {
  const instance = render(lines(1), {
    stdout: stdout as unknown as NodeJS.WriteStream,
    incrementalRendering: true,
    maxFps: 1000,
    patchConsole: false,
  });
  await wait(20);
  const before = stdout.writes.length;
  instance.rerender(lines(2));
  await wait(50);
  process.stdout.write(JSON.stringify(stdout.writes.slice(before).join("")));
  instance.unmount();
} else {
  const instance = render(<App engine={busy()} hz={10} theme={themeFor(process.env)} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    patchConsole: false,
    debug: true,
  });
  await wait(100);
  process.stdout.write(JSON.stringify(stdout.writes.at(-1) ?? ""));
  instance.unmount();
}
process.exit(0);
