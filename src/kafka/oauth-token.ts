/**
 * OAUTHBEARER tokens for kafkajs: read from a file or printed by a command, kept until shortly
 * before the JWT's `exp`, then fetched again (kafkajs asks on every new connection). No error
 * quotes the token or the command's output.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import type { OauthTokenSource } from "../config/types.ts";
import { readProblem } from "../config/read-problem.ts";

/** Fetch a new token when less than this is left of the cached one. */
export const REFRESH_MARGIN_MS = 60_000;
const COMMAND_TIMEOUT_MS = 30_000;

export type TokenFetcher = () => Promise<string>;

/** kafkajs's `oauthBearerProvider`. */
export function oauthTokenProvider(
  source: OauthTokenSource,
  fetch: TokenFetcher = fetcherFor(source),
  now = Date.now,
): () => Promise<{ value: string }> {
  let cached: { value: string; expiresMs: number | undefined } | undefined;
  return async () => {
    if (cached?.expiresMs !== undefined && cached.expiresMs - now() > REFRESH_MARGIN_MS) return { value: cached.value };
    const value = (await fetch()).trim();
    if (value === "" || /\s/.test(value))
      throw new Error(`${describe(source)} gave ${value === "" ? "no token" : "text that is not one token"}`);
    cached = { value, expiresMs: jwtExpiryMs(value) };
    return { value };
  };
}

/** The `exp` claim of a JWT in ms, or undefined when the token is not a JWT with one. */
export function jwtExpiryMs(token: string): number | undefined {
  const payload = token.split(".")[1];
  if (payload === undefined) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { exp?: unknown };
    return typeof claims.exp === "number" && Number.isFinite(claims.exp) ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function fetcherFor(source: OauthTokenSource): TokenFetcher {
  if ("file" in source) {
    return async () => {
      try {
        return await readFile(source.file, "utf8");
      } catch (error) {
        throw new Error(`cannot read the OAuth token file ${JSON.stringify(source.file)}: ${readProblem(error)}`);
      }
    };
  }
  return () =>
    new Promise((resolve, reject) => {
      execFile(
        "sh",
        ["-c", source.command],
        { timeout: COMMAND_TIMEOUT_MS, maxBuffer: 1024 * 1024 },
        (error, stdout) => {
          if (!error) return resolve(stdout);
          const why = error.killed
            ? `did not finish within ${COMMAND_TIMEOUT_MS / 1000} s`
            : `failed (exit code ${String(error.code ?? "?")})`;
          reject(new Error(`the OAuth token command (--sasl-oauth-token-command) ${why}; its output is not shown`));
        },
      );
    });
}

function describe(source: OauthTokenSource): string {
  return "file" in source
    ? `the OAuth token file ${JSON.stringify(source.file)}`
    : "the OAuth token command (--sasl-oauth-token-command)";
}
