/**
 * Every socket the Kafka client opens, made here (kafkajs's public `socketFactory` option, the
 * same sockets as its own factory) so that closing the client really closes them: kafkajs keeps
 * reconnecting for requests already queued when it is told to stop, and a broker that froze
 * answers no goodbye. After closeAll(), a socket still being made is closed at once.
 */
import net from "node:net";
import tls from "node:tls";
import type { ISocketFactory } from "kafkajs";

const KEEP_ALIVE_DELAY_MS = 60_000;
const KAFKAJS_EVENTS = new Set(["data", "end", "error", "timeout"]);

/**
 * kafkajs's listeners (its socket.js: data, end, error, timeout) hear nothing from a socket it has
 * ended. kafkajs end()s a socket whose connect timed out; behind a network cut its SYN is
 * retransmitted, it connects once the cut heals, and its 'end' would reach the Connection, which
 * by then talks over a new socket: kafkajs rejected the new socket's requests as "Closed
 * connection" and closed it, over and over (issue 21: 3,796 retry duplicates after a 50 s cut).
 * Node's own listeners (once('connect', unref) on a socket ended while connecting) still hear.
 */
function retireOnEnd(socket: net.Socket): void {
  let retired = false;
  const on = socket.on.bind(socket);
  socket.on = ((event: string, listener: (...a: unknown[]) => void) =>
    on(
      event,
      KAFKAJS_EVENTS.has(event)
        ? (...a: unknown[]) => {
            if (!retired) listener(...a);
          }
        : listener,
    )) as typeof socket.on;
  const end = socket.end.bind(socket);
  socket.end = ((...a: Parameters<typeof socket.end>) => {
    retired = true;
    return end(...a);
  }) as typeof socket.end;
}

export class SocketRegistry {
  private readonly open = new Set<net.Socket>();
  private closed = false;

  readonly factory: ISocketFactory = ({ host, port, ssl, onConnect }) => {
    const socket: net.Socket = ssl
      ? tls.connect({ host, port, ...(net.isIP(host) ? {} : { servername: host }), ...ssl }, onConnect)
      : net.connect({ host, port }, onConnect);
    socket.setKeepAlive(true, KEEP_ALIVE_DELAY_MS);
    if (this.closed) {
      socket.destroy();
      socket.unref();
      return socket;
    }
    this.open.add(socket);
    socket.once("close", () => this.open.delete(socket));
    retireOnEnd(socket);
    return socket;
  };

  /** Destroys every socket, and every one made from now on. */
  closeAll(): void {
    this.closed = true;
    for (const socket of this.open) {
      socket.destroy();
      socket.unref();
    }
    this.open.clear();
  }
}
