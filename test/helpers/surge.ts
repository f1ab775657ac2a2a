/** Runs the compiled binary (dist/surge) as a user would, capturing output and exit code. */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./broker.ts";

export const surgeBinary = join(repoRoot, "dist/surge");

export interface SurgeResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runSurge(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {},
): Promise<SurgeResult> {
  return runProcess(surgeBinary, args, options);
}

export function runProcess(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {},
): Promise<SurgeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? repoRoot,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${command} ${args.join(" ")} timed out\n${stderr}`));
    }, options.timeoutMs ?? 120_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A topic prefix no earlier run used, so each test reads only its own records. */
export const uniquePrefix = (name: string): string =>
  `it-${name}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}-`;

/** A running surge whose stdin the test writes to (control lines) and which it can signal. */
export interface LiveSurge {
  write(line: string): void;
  signal(name: NodeJS.Signals): void;
  /** Resolves once stdout contains `text`. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  done: Promise<SurgeResult>;
}

export function startSurge(args: string[]): LiveSurge {
  const child = spawn(surgeBinary, args, { cwd: repoRoot, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const waiters: Array<() => void> = [];
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
    for (const w of waiters) w();
  });
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<SurgeResult>((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
  return {
    write: (line) => child.stdin.write(`${line}\n`),
    signal: (name) => child.kill(name),
    waitFor: (text, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        const matches = (): boolean => (typeof text === "string" ? stdout.includes(text) : text.test(stdout));
        if (matches()) return resolve();
        const timer = setTimeout(() => reject(new Error(`no ${String(text)} in:\n${stdout}\n${stderr}`)), timeoutMs);
        waiters.push(() => {
          if (matches()) {
            clearTimeout(timer);
            resolve();
          }
        });
      }),
    done,
  };
}
