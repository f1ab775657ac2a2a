import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { jwtExpiryMs, oauthTokenProvider, REFRESH_MARGIN_MS } from "../../../src/kafka/oauth-token.ts";

const jwt = (claims: object): string =>
  `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.`;

test("jwtExpiryMs reads exp; anything else has no known expiry", () => {
  assert.equal(jwtExpiryMs(jwt({ sub: "a", exp: 1_800_000_000 })), 1_800_000_000_000);
  assert.equal(jwtExpiryMs(jwt({ sub: "a" })), undefined);
  assert.equal(jwtExpiryMs("opaque-token"), undefined);
  assert.equal(jwtExpiryMs("a.%%%.b"), undefined);
});

test("a token is kept until shortly before it expires, then fetched again", async () => {
  let clock = 1_000_000_000_000;
  const tokens = [jwt({ n: 1, exp: (clock + 10 * 60_000) / 1000 }), jwt({ n: 2, exp: (clock + 20 * 60_000) / 1000 })];
  let fetches = 0;
  const provide = oauthTokenProvider(
    { file: "unused" },
    async () => `${tokens[fetches++]!}\n`,
    () => clock,
  );
  assert.deepEqual(await provide(), { value: tokens[0] });
  clock += 10 * 60_000 - REFRESH_MARGIN_MS - 1000;
  assert.deepEqual(await provide(), { value: tokens[0] });
  assert.equal(fetches, 1);
  clock += 2000; // now within the margin of the first token's exp
  assert.deepEqual(await provide(), { value: tokens[1] });
  assert.equal(fetches, 2);
});

test("a token without exp is fetched on every connection", async () => {
  let fetches = 0;
  const provide = oauthTokenProvider({ command: "unused" }, async () => `opaque-${++fetches}`);
  await provide();
  assert.deepEqual(await provide(), { value: "opaque-2" });
});

test("the file is re-read: a rotated token is picked up", async () => {
  const dir = await mkdtemp(join(tmpdir(), "surge-oauth-"));
  const file = join(dir, "token");
  await writeFile(file, "first-token\n");
  const provide = oauthTokenProvider({ file });
  assert.deepEqual(await provide(), { value: "first-token" });
  await writeFile(file, "second-token\n");
  assert.deepEqual(await provide(), { value: "second-token" });
});

test("a failing or silent token command is reported without its output", async () => {
  const SECRET = "Tok3n-Quokka-94f1";
  await assert.rejects(
    oauthTokenProvider({ command: `echo ${SECRET}; echo ${SECRET} >&2; exit 3` })(),
    (error: Error) => {
      assert.equal(
        error.message,
        "the OAuth token command (--sasl-oauth-token-command) failed (exit code 3); its output is not shown",
      );
      return true;
    },
  );
  await assert.rejects(
    oauthTokenProvider({ command: "true" })(),
    /the OAuth token command \(--sasl-oauth-token-command\) gave no token/,
  );
  await assert.rejects(
    oauthTokenProvider({ command: `echo ${SECRET} ${SECRET}` })(),
    (error: Error) => !error.message.includes(SECRET),
  );
  assert.deepEqual(await oauthTokenProvider({ command: `printf '%s\\n' ${SECRET}` })(), { value: SECRET });
  await assert.rejects(
    oauthTokenProvider({ file: "/nonexistent/token" })(),
    /cannot read the OAuth token file "\/nonexistent\/token": no such file/,
  );
});
