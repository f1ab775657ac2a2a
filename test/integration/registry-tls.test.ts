/**
 * surge's registry client over TLS against the real Apicurio Registry 2.4.2, started by
 * scripts/registry/up.sh serving HTTPS only from a certificate made by openssl here: schemas
 * register and read back through the CA file; without it, or over plain HTTP, one clear line.
 * Its own registry (state next to SURGE_KAFKA_STATE's, "-registry-tls"), stopped at the end.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { RegistryClient, RegistryError, type RegistrySettings } from "../../src/registry/client.ts";
import { brokerStateDir, repoRoot } from "../helpers/broker.ts";
import { selfSignedCert } from "../helpers/self-signed.ts";

const state = `${brokerStateDir}-registry-tls`;
const dir = mkdtempSync(join(tmpdir(), "surge-registry-tls-"));
const cert = join(dir, "cert.pem");
const key = join(dir, "key.pem");
let url = "";

function script(name: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      "bash",
      [join(repoRoot, "scripts/registry", name)],
      { env: { ...process.env, SURGE_REGISTRY_STATE: state, ...env }, timeout: 300_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${name}: ${stderr}`)) : resolve(stdout.trim().split("\n").at(-1) ?? ""),
    ),
  );
}

before(async () => {
  selfSignedCert(key, cert);
  url = await script("up.sh", { SURGE_REGISTRY_TLS_CERT: cert, SURGE_REGISTRY_TLS_KEY: key });
});

after(async () => {
  await script("down.sh", {});
  rmSync(dir, { recursive: true, force: true });
});

const settings = (at: string, more: Partial<RegistrySettings> = {}): RegistrySettings => ({
  url: at,
  rejectUnauthorized: true,
  timeoutMs: 20_000,
  ...more,
});

const failure = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

test("HTTPS: a schema registers and reads back through the CA file", async () => {
  assert.match(url, /^https:\/\/127\.0\.0\.1:\d+\/apis\/ccompat\/v7$/);
  const client = new RegistryClient(settings(url, { caFile: cert }));
  const schema = JSON.stringify({ type: "object", properties: { v: { type: "number" } } });
  const registered = await client.register("tls-value", schema, "JSON");
  assert.ok(registered.id > 0);
  const latest = await client.latest("tls-value");
  assert.equal(latest.id, registered.id);
  assert.equal(JSON.parse(latest.schema).properties.v.type, "number");
  assert.equal((await client.byId(registered.id, "tls-value")).schemaType, "JSON");
});

test("HTTPS: without the CA file, or over plain HTTP, one clear line", async () => {
  const untrusted = await failure(new RegistryClient(settings(url)).latest("tls-value"));
  assert.ok(untrusted instanceof RegistryError, String(untrusted));
  assert.match(
    untrusted.message,
    /^cannot reach the schema registry at https:\/\/127\.0\.0\.1:\d+\/apis\/ccompat\/v7: [A-Z_]+$/,
  );
  const plain = await failure(new RegistryClient(settings(url.replace("https:", "http:"))).latest("tls-value"));
  assert.ok(plain instanceof RegistryError, String(plain));
  assert.match(plain.message, /^cannot reach the schema registry at http:\/\/127\.0\.0\.1:\d+\/apis\/ccompat\/v7: /);
  assert.ok(!plain.message.includes("\n"));
});
