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
