// surge's own broker connection against a scripted TCP server on 127.0.0.1: framing, answers
// matched in order, timeouts that close the connection, acks=0, SASL PLAIN and a refused login.
import assert from "node:assert/strict";
import net from "node:net";
import { test } from "node:test";
import { BrokerConnection } from "../../../../src/kafka/connection/broker-connection.ts";
import type { SaslConfig } from "../../../../src/kafka/connection/sasl.ts";
import { FrameReader } from "../../../../src/kafka/connection/frame-reader.ts";

interface Seen {
  apiKey: number;
  version: number;
  correlationId: number;
  clientId: string;
  body: Buffer;
}

/** A server that hands each request to `answer`, which returns the answer's body (or nothing). */
async function server(answer: (r: Seen, reply: (body: Buffer) => void) => void) {
  const seen: Seen[] = [];
  const sockets: net.Socket[] = [];
  const s = net.createServer((socket) => {
    sockets.push(socket);
    socket.on("error", () => undefined);
    const reader = new FrameReader((f) => {
      const idLength = f.readInt16BE(8);
      const r: Seen = {
        apiKey: f.readInt16BE(0),
        version: f.readInt16BE(2),
        correlationId: f.readInt32BE(4),
        clientId: f.subarray(10, 10 + idLength).toString(),
        body: f.subarray(10 + idLength),
      };
      seen.push(r);
      answer(r, (body) => {
        const out = Buffer.alloc(8 + body.length);
        out.writeInt32BE(4 + body.length, 0);
        out.writeInt32BE(r.correlationId, 4);
        body.copy(out, 8);
        socket.write(out);
      });
    });
    socket.on("data", (c: Buffer) => reader.push(c));
  });
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as net.AddressInfo).port;
  return {
    port,
    seen,
    close: () => {
      for (const so of sockets) so.destroy();
      s.close();
    },
  };
}

const config = (sasl?: SaslConfig) => ({
  clientId: "surge-test",
  sasl,
  connectTimeoutMs: 2000,
  requestTimeoutMs: 2000,
});

test("requests are framed with the header and answered in order; acks=0 resolves at once", async () => {
  const held: Array<() => void> = [];
  const srv = await server((r, reply) => held.push(() => reply(Buffer.from(`answer ${r.body.toString()}`))));
  const c = new BrokerConnection("127.0.0.1", srv.port, config());
  try {
    const a = c.request(3, 7, Buffer.from("one"));
    const b = c.request(3, 7, Buffer.from("two"));
    assert.equal(await c.request(0, 7, Buffer.from("fire"), { expectResponse: false }), undefined);
    while (held.length < 3) await new Promise((r) => setTimeout(r, 5));
    held[0]!();
    held[1]!();
    assert.equal((await a)!.toString(), "answer one");
    assert.equal((await b)!.toString(), "answer two");
    assert.deepEqual(
      srv.seen.map((s) => [s.apiKey, s.version, s.correlationId, s.clientId, s.body.toString()]),
      [
        [3, 7, 0, "surge-test", "one"],
        [3, 7, 1, "surge-test", "two"],
        [0, 7, 2, "surge-test", "fire"],
      ],
    );
  } finally {
    c.close();
    srv.close();
  }
});

test("a framed body is sent without a copy of its bytes: the header fills the room in front", async () => {
  const srv = await server((_r, reply) => reply(Buffer.from("ok")));
  const c = new BrokerConnection("127.0.0.1", srv.port, config());
  try {
    await c.open();
    const frame = Buffer.alloc(c.headerBytes + 5);
    frame.write("hello", c.headerBytes);
    assert.equal((await c.request(0, 7, frame, { framed: true }))!.toString(), "ok");
    assert.equal(srv.seen[0]!.body.toString(), "hello");
  } finally {
    c.close();
    srv.close();
  }
});

test("an unanswered request times out, closes the connection and fails what else was waiting", async () => {
  const srv = await server(() => undefined);
  const c = new BrokerConnection("127.0.0.1", srv.port, { ...config(), requestTimeoutMs: 100 });
  try {
    const first = c.request(3, 7, Buffer.from("a"));
    const second = c.request(3, 7, Buffer.from("b"), { timeoutMs: 0 });
    await assert.rejects(first, (e: Error & { type?: string }) => e.type === "REQUEST_TIMED_OUT");
    await assert.rejects(second, (e: Error & { type?: string }) => e.type === "REQUEST_TIMED_OUT");
    assert.equal(c.closed, true);
  } finally {
    c.close();
    srv.close();
  }
});

test("a refused port is a retriable connection error naming the address", async () => {
  const srv = await server(() => undefined);
  srv.close();
  await new Promise((r) => setTimeout(r, 20));
  const c = new BrokerConnection("127.0.0.1", srv.port, config());
  await assert.rejects(
    c.request(3, 7, Buffer.alloc(0)),
    (e: Error & { type?: string; retriable?: boolean }) =>
      e.type === "CONNECTION_ERROR" && e.retriable === true && e.message.includes(`127.0.0.1:${srv.port}`),
  );
});

/** SaslHandshake v1 answer (no error, PLAIN offered) and SaslAuthenticate v1 answers. */
function saslServer(accept: boolean) {
  return server((r, reply) => {
    if (r.apiKey === 17) {
      const b = Buffer.alloc(2 + 4 + 2 + 5);
      b.writeInt16BE(0, 0);
      b.writeInt32BE(1, 2);
      b.writeInt16BE(5, 6);
      b.write("PLAIN", 8);
      return reply(b);
    }
    if (r.apiKey === 36) {
      const message = accept ? "" : "Authentication failed: Invalid username or password";
      const b = Buffer.alloc(2 + 2 + message.length + 4 + 8);
      b.writeInt16BE(accept ? 0 : 58, 0);
      if (accept) b.writeInt16BE(-1, 2);
      else {
        b.writeInt16BE(message.length, 2);
        b.write(message, 4);
      }
      return reply(accept ? b.subarray(0, 2 + 2 + 4 + 8) : b);
    }
    reply(Buffer.from("metadata"));
  });
}

test("SASL PLAIN logs in before the first request; a refusal is one non-retriable error without the password", async () => {
  const ok = await saslServer(true);
  const c = new BrokerConnection(
    "127.0.0.1",
    ok.port,
    config({ mechanism: "plain", username: "alice", password: "s3cret-pw" }),
  );
  try {
    assert.equal((await c.request(3, 7, Buffer.alloc(0)))!.toString(), "metadata");
    assert.deepEqual(
      ok.seen.map((s) => s.apiKey),
      [17, 36, 3],
    );
    assert.equal(ok.seen[1]!.body.subarray(4).toString(), "\u0000alice\u0000s3cret-pw");
  } finally {
    c.close();
    ok.close();
  }
  const refused = await saslServer(false);
  const d = new BrokerConnection(
    "127.0.0.1",
    refused.port,
    config({ mechanism: "plain", username: "alice", password: "wrong-pw" }),
  );
  try {
    await assert.rejects(d.request(3, 7, Buffer.alloc(0)), (e: Error & { type?: string; retriable?: boolean }) => {
      assert.equal(e.type, "SASL_AUTHENTICATION_FAILED");
      assert.equal(e.retriable, false);
      assert.match(e.message, /Invalid username or password/);
      assert.ok(!e.message.includes("wrong-pw"));
      return true;
    });
  } finally {
    d.close();
    refused.close();
  }
});
