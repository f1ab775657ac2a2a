/**
 * A Confluent-compatible Schema Registry over HTTP(S) (Confluent's, Apicurio's /apis/ccompat/v7):
 * register, latest version, schema by id. Refusals become one line naming the subject (and the
 * version where one is known); credentials are sent, never shown.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";

export interface RegistrySettings {
  url: string;
  /** From SURGE_SCHEMA_REGISTRY_USER / _PASSWORD; never printed. */
  basic?: { user: string; password: string };
  /** From SURGE_SCHEMA_REGISTRY_TOKEN; never printed. */
  token?: string;
  caFile?: string;
  rejectUnauthorized: boolean;
  timeoutMs: number;
}

export interface RegisteredSchema {
  id: number;
  version?: number;
  schema: string;
  schemaType: "AVRO" | "PROTOBUF" | "JSON";
}

export class RegistryError extends Error {}

const CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

export class RegistryClient {
  private readonly base: URL;
  private readonly ca: Buffer | undefined;

  constructor(private readonly s: RegistrySettings) {
    this.base = new URL(s.url.endsWith("/") ? s.url : `${s.url}/`);
    this.ca = s.caFile ? readFileSync(s.caFile) : undefined;
  }

  /** Registers (or finds) the schema under `subject`: its id and version. */
  async register(
    subject: string,
    schema: string,
    schemaType: RegisteredSchema["schemaType"],
  ): Promise<RegisteredSchema> {
    const body = { schema, ...(schemaType === "AVRO" ? {} : { schemaType }) };
    const res = await this.call("POST", `subjects/${encodeURIComponent(subject)}/versions`, body);
    if (res.status === 409 || res.status === 422) {
      const latest = await this.latestVersion(subject);
      throw new RegistryError(
        `schema registry refused the schema for subject ${subject}: ${res.status === 409 ? "incompatible with" : "invalid against"} ${latest ? `version ${latest}` : "its versions"} (${res.message}); change the fleet, pick another --subject-strategy, or use --use-latest / --schema-id`,
      );
    }
    this.fail(res, subject, "register a schema");
    const id = (res.json as { id?: unknown }).id;
    if (typeof id !== "number")
      throw new RegistryError(`schema registry answered the registration for subject ${subject} without an id`);
    const found = await this.call("POST", `subjects/${encodeURIComponent(subject)}`, body);
    const version = found.ok ? (found.json as { version?: unknown }).version : undefined;
    return { id, schema, schemaType, ...(typeof version === "number" ? { version } : {}) };
  }

  async latest(subject: string): Promise<RegisteredSchema> {
    const res = await this.call("GET", `subjects/${encodeURIComponent(subject)}/versions/latest`);
    this.fail(res, subject, "read its latest version");
    const j = res.json as { id: number; version: number; schema: string; schemaType?: RegisteredSchema["schemaType"] };
    return { id: j.id, version: j.version, schema: j.schema, schemaType: j.schemaType ?? "AVRO" };
  }

  async byId(id: number, subject: string): Promise<RegisteredSchema> {
    const res = await this.call("GET", `schemas/ids/${id}`);
    if (res.status === 404)
      throw new RegistryError(
        `schema registry has no schema with id ${id} (subject ${subject}); registered ids: see ${this.where()}/subjects`,
      );
    this.fail(res, subject, `read schema id ${id}`);
    const j = res.json as { schema: string; schemaType?: RegisteredSchema["schemaType"] };
    return { id, schema: j.schema, schemaType: j.schemaType ?? "AVRO" };
  }

  private async latestVersion(subject: string): Promise<number | undefined> {
    const res = await this.call("GET", `subjects/${encodeURIComponent(subject)}/versions/latest`).catch(
      () => undefined,
    );
    const v = res?.ok ? (res.json as { version?: unknown }).version : undefined;
    return typeof v === "number" ? v : undefined;
  }

  /** The URL without credentials or query, for messages. */
  where(): string {
    return `${this.base.protocol}//${this.base.host}${this.base.pathname.replace(/\/$/, "")}`;
  }

  private fail(res: Answer, subject: string, what: string): void {
    if (res.ok) return;
    if (res.status === 401 || res.status === 403) {
      const how = this.s.basic
        ? "SURGE_SCHEMA_REGISTRY_USER / _PASSWORD"
        : this.s.token
          ? "SURGE_SCHEMA_REGISTRY_TOKEN"
          : "no credentials (set SURGE_SCHEMA_REGISTRY_USER / _PASSWORD or SURGE_SCHEMA_REGISTRY_TOKEN)";
      throw new RegistryError(
        `schema registry ${this.where()} refused to ${what} for subject ${subject}: ${res.status} ${res.status === 401 ? "unauthorized" : "forbidden"} with ${how}`,
      );
    }
    if (res.status === 404)
      throw new RegistryError(
        `schema registry has no subject ${subject} (${res.message}); register one first or drop --use-latest`,
      );
    throw new RegistryError(
      `schema registry ${this.where()} could not ${what} for subject ${subject}: HTTP ${res.status} ${res.message}`,
    );
  }

  private call(method: "GET" | "POST", path: string, body?: unknown): Promise<Answer> {
    const url = new URL(path, this.base);
    const headers: Record<string, string> = { accept: CONTENT_TYPE };
    if (this.s.basic)
      headers["authorization"] =
        `Basic ${Buffer.from(`${this.s.basic.user}:${this.s.basic.password}`).toString("base64")}`;
    else if (this.s.token) headers["authorization"] = `Bearer ${this.s.token}`;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload) headers["content-type"] = CONTENT_TYPE;
    const lib = url.protocol === "https:" ? https : http;
    return new Promise<Answer>((resolve, reject) => {
      const req = lib.request(
        url,
        {
          method,
          headers,
          timeout: this.s.timeoutMs,
          ...(url.protocol === "https:"
            ? { rejectUnauthorized: this.s.rejectUnauthorized, ...(this.ca ? { ca: this.ca } : {}) }
            : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve(answer(res.statusCode ?? 0, Buffer.concat(chunks).toString("utf8"), this.secrets(headers))),
          );
          res.on("error", (e) => reject(this.unreachable(e)));
        },
      );
      req.on("timeout", () => req.destroy(new Error(`no answer within ${this.s.timeoutMs} ms`)));
      req.on("error", (e) => reject(this.unreachable(e)));
      req.end(payload);
    });
  }

  /** What a registry's message must not repeat (one that echoes the request would show them). */
  private secrets(headers: Record<string, string>): string[] {
    const auth = headers["authorization"];
    return [auth?.split(" ")[1], this.s.basic?.password, this.s.token].filter((x): x is string => !!x);
  }

  private unreachable(e: Error): RegistryError {
    const code = (e as NodeJS.ErrnoException).code;
    return new RegistryError(
      `cannot reach the schema registry at ${this.where()}: ${code ?? e.message}${code === "ECONNREFUSED" ? " (is it running? npm run registry:up starts a local one)" : ""}`,
    );
  }
}

interface Answer {
  ok: boolean;
  status: number;
  json: unknown;
  message: string;
}

function answer(status: number, text: string, secrets: readonly string[]): Answer {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const m = json && typeof json === "object" ? (json as { message?: unknown }).message : undefined;
  let message = typeof m === "string" ? m.split("\n")[0]! : `HTTP ${status}`;
  for (const secret of secrets) message = message.split(secret).join("***");
  message = message.slice(0, 200);
  return { ok: status >= 200 && status < 300, status, json, message };
}
