/** `surge verify`: settings → read the run back → text or JSON account → exit code. */
import { terminalSafe } from "../report/terminal-safe.ts";
import { readFileSync } from "node:fs";
import type { RawFlags } from "../config/raw-flags.ts";
import { VerifyFailure } from "../verify/connect.ts";
import { jsonReport } from "../verify/json-report.ts";
import { resolveVerifySettings } from "../verify/settings.ts";
import { textReport } from "../verify/text-report.ts";
import { newProgress, verifyRun, type VerifyResult } from "../verify/verify-run.ts";
import { EXIT_OK, EXIT_RUNTIME, UsageError } from "./usage-error.ts";
import { showProgress } from "./verify-progress.ts";
import { followsOfRun, verifyFollows } from "../verify/follow.ts";
import { brokersValue } from "../config/brokers.ts";

process.env["KAFKAJS_NO_PARTITIONER_WARNING"] = "1";

export async function verifyCommand(flags: RawFlags): Promise<number> {
  const resolved = resolveVerifySettings({
    flags,
    env: process.env,
    readFile: (path) => readFileSync(path, "utf8"),
    cwd: process.cwd(),
  });
  if ("errors" in resolved) throw new UsageError(resolved.errors);
  const { settings, warnings } = resolved;
  const followText = flags.followBrokers ?? process.env["SURGE_FOLLOW_BROKERS"];
  const followBrokers = followText === undefined ? undefined : brokersValue(followText);
  if (followBrokers && !followBrokers.ok) throw new UsageError(`--follow-brokers ${followBrokers.problem}`);
  if (flags.followBrokers !== undefined && !flags.follow) throw new UsageError("--follow-brokers needs --follow");
  for (const w of warnings) console.error(`surge: warning: ${terminalSafe(w)}`);

  const progress = newProgress();
  const stopProgress = showProgress(progress, process.stderr);
  let result: VerifyResult;
  try {
    result = await verifyRun(settings, progress, Date.now, (what, problem, delayMs) => {
      console.error(
        `surge: verify: ${problem} while ${what}; retrying in ${delayMs} ms (transient; gives up after --timeout)`,
      );
    });
    if (flags.follow) {
      // --follow: the pipelines' outputs, judged like the run's own topics (src/e2e/verify-follow.ts).
      const follows = followsOfRun(flags.follow, result.truth.start.topics);
      if ("problem" in follows) throw new UsageError(follows.problem);
      progress.read = 0;
      progress.total = 0;
      // --follow-brokers: the outputs are read on another cluster, with the same TLS/SASL settings.
      const outSettings = followBrokers?.ok ? { ...settings, brokers: followBrokers.value } : settings;
      result = await verifyFollows(outSettings, result, follows, progress);
    }
  } catch (error) {
    if (!(error instanceof VerifyFailure)) throw error;
    stopProgress();
    console.error(`surge: verify: ${terminalSafe(error.message)}`);
    return EXIT_RUNTIME;
  } finally {
    stopProgress();
  }
  console.log(settings.json ? JSON.stringify(jsonReport(result), null, 2) : textReport(result));
  return result.ok ? EXIT_OK : EXIT_RUNTIME;
}
