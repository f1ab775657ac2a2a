/**
 * One TCP (or TLS) connection to one broker, owned by surge: requests are framed straight into
 * the buffer their body is written in (no copy on the way out), answers are matched to requests
 * by correlation id, in order. SASL runs once, right after connecting (sasl.ts).
 */
import net from "node:net";
import tls from "node:tls";
import { connectionError } from "./errors.ts";
import { FrameReader } from "./frame-reader.ts";
import { authenticate } from "./sasl.ts";
import type { SaslConfig } from "./sasl.ts";
import { Writer } from "../protocol/writer.ts";

export interface ConnectionConfig {
  clientId: string;
  ssl?: tls.ConnectionOptions | undefined;
  sasl?: SaslConfig | undefined;
  connectTimeoutMs: number;
  /** Requests other than Produce (metadata, producer id, SASL) fail when unanswered this long. */
  requestTimeoutMs: number;
}

interface Pending {
  correlationId: number;
  resolve(body: Buffer): void;
  reject(error: Error): void;
  timer?: ReturnType<typeof setTimeout> | undefined;
}

export class BrokerConnection {
  private socket: net.Socket | undefined;
  private ready: Promise<void> | undefined;
  private readonly pending: Pending[] = [];
  private readonly reader = new FrameReader((frame) => this.answer(frame));
  private nextCorrelationId = 0;
  private readonly clientIdBytes: number;
  private closedWith: Error | undefined;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly host: string,
    readonly port: number,
    private readonly config: ConnectionConfig,
  ) {
    this.clientIdBytes = Buffer.byteLength(config.clientId);
  }

  get address(): string {
    return `${this.host}:${this.port}`;
  }

  /** Bytes of the size prefix and request header v1 in front of every body. */
  get headerBytes(): number {
    return 4 + 2 + 2 + 4 + 2 + this.clientIdBytes;
  }

  /** Closed or failed: a new connection is needed. */
  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  /** Connects (and authenticates) once; later calls share the same attempt. */
  open(): Promise<void> {
    this.ready ??= this.connect().catch((error: unknown) => {
      this.close(false);
      throw error;
    });
    return this.ready;
  }

  /**
   * Sends one request; resolves with the answer's body (after the correlation id), or undefined
   * at once when no answer is expected (acks=0). `timeoutMs` 0: the caller keeps the time.
   * `framed`: `body` starts with headerBytes of room, which the header fills (no copy).
   * `written`: told once the socket no longer needs `body` (it may be used again).
   */
  async request(
    apiKey: number,
    version: number,
    body: Buffer,
    options: {
      expectResponse?: boolean;
      timeoutMs?: number;
      beforeReady?: boolean;
      framed?: boolean;
      written?: () => void;
    } = {},
  ): Promise<Buffer | undefined> {
    if (!options.beforeReady) await this.open();
    const socket = this.socket;
    if (!socket || this.closedWith) throw this.closedWith ?? connectionError("CONNECTION_CLOSED", "connection closed");
    const header = this.headerBytes;
    const frame = options.framed ? body : withRoom(body, header);
    const correlationId = this.nextCorrelationId;
    this.nextCorrelationId = (this.nextCorrelationId + 1) & 0x7fffffff;
    const w = new Writer(frame);
    w.int32(frame.length - 4);
    w.int16(apiKey);
    w.int16(version);
    w.int32(correlationId);
    w.string(this.config.clientId, this.clientIdBytes);
    const expect = options.expectResponse ?? true;
    const done = options.written;
    if (!expect) {
      socket.write(frame, done && (() => done()));
      return undefined;
    }
    return new Promise<Buffer>((resolve, reject) => {
      const p: Pending = { correlationId, resolve, reject };
      const timeoutMs = options.timeoutMs ?? this.config.requestTimeoutMs;
      if (timeoutMs > 0)
        p.timer = setTimeout(() => {
          const error = connectionError(
            "REQUEST_TIMED_OUT",
            `request timed out after ${timeoutMs} ms (broker ${this.address})`,
          );
          // Its answer could still come and be taken for the next request's: the connection goes.
          this.fail(error);
        }, timeoutMs);
      this.pending.push(p);
      socket.write(frame, done && (() => done()));
    });
  }

  /**
   * Closes at once, failing what is pending. `reset` sends a TCP reset, so the kernel drops what
   * it still holds to send: a network cut that heals must not deliver a request given up on.
   */
  close(reset = true, why = `connection to ${this.address} closed`): void {
    this.fail(connectionError("CONNECTION_CLOSED", why), reset);
  }

  private connect(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const { ssl } = this.config;
      const socket = ssl
        ? tls.connect({
            ...ssl,
            host: this.host,
            port: this.port,
            ...(net.isIP(this.host) ? {} : { servername: this.host }),
          })
        : net.connect({ host: this.host, port: this.port });
      this.socket = socket;
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 60_000);
      const timer = (this.connectTimer = setTimeout(() => {
        const error = connectionError("CONNECTION_ERROR", `connection timeout to ${this.address}`);
        this.fail(error);
        reject(error);
      }, this.config.connectTimeoutMs));
      socket.once(ssl ? "secureConnect" : "connect", () => {
        clearTimeout(timer);
        const sasl = this.config.sasl;
        if (!sasl) return resolve();
        authenticate(this, sasl).then(resolve, reject);
      });
      socket.on("data", (chunk: Buffer) => this.reader.push(chunk));
      socket.on("error", (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        const failure = connectionError(
          "CONNECTION_ERROR",
          `${error.message.includes(this.address) ? error.message : `${error.message} (${this.address})`}`,
        );
        this.fail(failure);
        reject(failure);
      });
      socket.on("close", () => {
        clearTimeout(timer);
        const failure = connectionError("CONNECTION_CLOSED", `connection to ${this.address} closed by the broker`);
        this.fail(failure);
        reject(failure);
      });
    });
  }

  private answer(frame: Buffer): void {
    const correlationId = frame.readInt32BE(0);
    const p = this.pending[0];
    if (!p || p.correlationId !== correlationId) {
      this.fail(connectionError("CONNECTION_CLOSED", `broker ${this.address} answered out of order`));
      return;
    }
    this.pending.shift();
    if (p.timer) clearTimeout(p.timer);
    p.resolve(frame.subarray(4));
  }

  private fail(error: Error, reset = false): void {
    if (this.closedWith) return;
    this.closedWith = error;
    if (this.connectTimer) clearTimeout(this.connectTimer);
    const socket = this.socket;
    if (socket) {
      socket.removeAllListeners("data");
      socket.removeAllListeners("close");
      socket.removeAllListeners("error");
      socket.on("error", () => undefined);
      if (reset && typeof socket.resetAndDestroy === "function" && !(socket instanceof tls.TLSSocket))
        socket.resetAndDestroy();
      else socket.destroy();
      socket.unref();
    }
    this.reader.reset();
    for (const p of this.pending.splice(0)) {
      if (p.timer) clearTimeout(p.timer);
      p.reject(error);
    }
  }
}

/** A pre-encoded body copied behind room for the header (small requests: metadata, SASL). */
function withRoom(body: Buffer, header: number): Buffer {
  const frame = Buffer.allocUnsafe(header + body.length);
  body.copy(frame, header);
  return frame;
}
