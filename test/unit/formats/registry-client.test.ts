/**
 * The schema registry client against a scripted registry on a local port: basic auth and a
 * bearer token reach the server as Authorization headers; a refusal is one line that never
 * shows the password or token (even when the registry echoes them); over HTTPS, a certificate
 * made by openssl here is trusted through the CA file and refused without it.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { RegistryClient, RegistryError, type RegistrySettings } from "../../../src/registry/client.ts";
import { selfSignedCert } from "../../helpers/self-signed.ts";

const PASSWORD = "pa55-w0rd-never-shown";
const TOKEN = "tok3n-never-shown";
const GOOD = new Set([`Basic ${Buffer.from(`surge:${PASSWORD}`).toString("base64")}`, `Bearer ${TOKEN}`]);

/**
 * A registry that takes any schema (id 7, version 1) from a good Authorization, else answers
 * 401; it echoes the Authorization, decoded too, in its message (also in a 500 for subject echo).
 */
function registry(seen: string[]): http.RequestListener {
  return (req, res) => {
    const auth = req.headers.authorization ?? "";
    seen.push(auth);
    req.resume();
    req.on("end", () => {
      res.setHeader("content-type", "application/vnd.schemaregistry.v1+json");
      if (!GOOD.has(auth) || req.url?.includes("echo")) {
        res.statusCode = GOOD.has(auth) ? 500 : 401;
        const [scheme, value = ""] = auth.split(" ");
        const plain = scheme === "Basic" ? Buffer.from(value, "base64").toString() : value;
        res.end(JSON.stringify({ error_code: res.statusCode, message: `Unauthorized: ${auth} (${plain})` }));
        return;
      }
      res.end(JSON.stringify(req.url?.endsWith("/versions") ? { id: 7 } : { version: 1 }));
    });
  };
}

async function listen(server: http.Server | https.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

const settings = (url: string, more: Partial<RegistrySettings>): RegistrySettings => ({
  url,
  rejectUnauthorized: true,
  timeoutMs: 5000,
  ...more,
});

test("basic auth and a bearer token are sent; a refusal never shows them", async () => {
  const seen: string[] = [];
  const server = http.createServer(registry(seen));
  const url = `http://127.0.0.1:${await listen(server)}`;
  try {
    const basic = new RegistryClient(settings(url, { basic: { user: "surge", password: PASSWORD } }));
    assert.deepEqual(await basic.register("s-value", '{"type":"string"}', "AVRO"), {
      id: 7,
      version: 1,
      schema: '{"type":"string"}',
      schemaType: "AVRO",
    });
    assert.ok(GOOD.has(seen[0] ?? "") && seen[0]?.startsWith("Basic "), "basic credentials sent");
    const bearer = new RegistryClient(settings(url, { token: TOKEN }));
    assert.equal((await bearer.register("s-value", "{}", "JSON")).id, 7);
    assert.equal(seen.at(-1), `Bearer ${TOKEN}`);

    const echo = await basic.register("echo-value", "{}", "JSON").then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(
      echo instanceof RegistryError && /HTTP 500 Unauthorized: Basic \*\*\* \(surge:\*\*\*\)/.test(echo.message),
      String(echo),
    );
    assert.ok(!echo.message.includes(PASSWORD) && !echo.message.includes(TOKEN), echo.message);

    for (const wrong of [{ basic: { user: "surge", password: `${PASSWORD}x` } }, { token: `${TOKEN}x` }, {}]) {
      const client = new RegistryClient(settings(url, wrong));
      const error = await client.register("s-value", "{}", "JSON").then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof RegistryError, String(error));
      const text = error.message;
      assert.match(text, /refused to register a schema for subject s-value: 401 unauthorized/);
      assert.ok(!text.includes("\n"), text);
      for (const secret of [PASSWORD, TOKEN, Buffer.from(`surge:${PASSWORD}x`).toString("base64")])
        assert.ok(!text.includes(secret), `no secret in: ${text}`);
    }
  } finally {
    server.close();
  }
});

test("HTTPS: trusted through the CA file, refused without it", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "surge-registry-tls-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  selfSignedCert(key, cert);
  const seen: string[] = [];
  const server = https.createServer({ cert: readFileSync(cert), key: readFileSync(key) }, registry(seen));
  const url = `https://127.0.0.1:${await listen(server)}`;
  try {
    const trusted = new RegistryClient(settings(url, { token: TOKEN, caFile: cert }));
    assert.equal((await trusted.register("s-value", "{}", "JSON")).id, 7);
    assert.equal(seen.at(-1), `Bearer ${TOKEN}`);

    const count = seen.length;
    const untrusted = new RegistryClient(settings(url, { token: TOKEN }));
    const error = await untrusted.register("s-value", "{}", "JSON").then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof RegistryError, String(error));
    assert.match(error.message, /cannot reach the schema registry at https:\/\/127\.0\.0\.1:\d+: [A-Z_]+/);
    assert.ok(!error.message.includes(TOKEN));
    assert.equal(seen.length, count, "no request (and no token) went to an untrusted server");
  } finally {
    server.close();
  }
});
