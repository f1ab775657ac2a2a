/** The HTTP side of --metrics: /metrics (Prometheus text), /healthz and /readyz. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { ListenAddress } from "../config/listen-address.ts";
import { CONTENT_TYPES, formatFor, type ExpositionFormat } from "./exposition.ts";

export interface Probe {
  ok: boolean;
  text: string;
}

export interface MetricsPages {
  metrics(format: ExpositionFormat): string;
  /** Alive: the process answers and the producer has not given up. */
  health(): Probe;
  /** Ready: connected and producing. */
  ready(): Probe;
}

export interface MetricsServer {
  /** Where it listens, e.g. http://127.0.0.1:9464 (the real port when 0 was asked for). */
  url: string;
  close(): Promise<void>;
}

/** Rejects with one line (address in use, not an address of this machine...) when it cannot listen. */
export function serveMetrics(address: ListenAddress, pages: MetricsPages): Promise<MetricsServer> {
  const server = createServer((req, res) => answer(req, res, pages));
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(new Error(listenProblem(address, error))));
    server.listen(address.port, address.host, () => {
      const bound = server.address();
      const port = typeof bound === "object" && bound ? bound.port : address.port;
      const host = address.host.includes(":") ? `[${address.host}]` : address.host;
      // Unref'd: an idle metrics endpoint never keeps a finished run alive.
      server.unref();
      resolve({
        url: `http://${host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function answer(req: IncomingMessage, res: ServerResponse, pages: MetricsPages): void {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("only GET and HEAD\n");
    return;
  }
  const path = (req.url ?? "/").split("?")[0];
  try {
    if (path === "/metrics") {
      const format = formatFor(req.headers.accept);
      return send(res, 200, CONTENT_TYPES[format], pages.metrics(format), req.method);
    }
    if (path === "/healthz" || path === "/readyz") {
      const probe = path === "/healthz" ? pages.health() : pages.ready();
      return send(res, probe.ok ? 200 : 503, "text/plain; charset=utf-8", `${probe.text}\n`, req.method);
    }
    send(res, 404, "text/plain; charset=utf-8", "not found: try /metrics, /healthz or /readyz\n", req.method);
  } catch (error) {
    send(
      res,
      500,
      "text/plain; charset=utf-8",
      `${error instanceof Error ? error.message : String(error)}\n`,
      req.method,
    );
  }
}

function send(res: ServerResponse, status: number, type: string, body: string, method: string | undefined): void {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  res.end(method === "HEAD" ? undefined : body);
}

function listenProblem(address: ListenAddress, error: NodeJS.ErrnoException): string {
  const where = `--metrics ${address.host.includes(":") ? `[${address.host}]` : address.host}:${address.port}`;
  switch (error.code) {
    case "EADDRINUSE":
      return `${where}: the port is in use; pick another (or :0 for any free port)`;
    case "EADDRNOTAVAIL":
      return `${where}: not an address of this machine; use 127.0.0.1, 0.0.0.0 or one of its addresses`;
    case "EACCES":
      return `${where}: not allowed to listen there (ports below 1024 need privileges)`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `${where}: unknown host name`;
    default:
      return `${where}: cannot listen (${error.code ?? error.message})`;
  }
}
