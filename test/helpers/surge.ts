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

export function runSurge(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {}): Promise<SurgeResult> {
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
export const uniquePrefix = (name: string): string => `it-${name}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}-`;
