/**
 * kafkajs's sockets, made quiet once kafkajs is done with them. kafkajs 2.2.4 ends a socket whose
 * connect timed out with end(), which waits for the connection: behind a network cut the SYN is
 * retransmitted, connects once the cut heals, and the old socket's 'end' then reaches the
 * Connection, which by then talks over a new socket: kafkajs rejects the new socket's requests
 * as "Closed connection" and closes it, over and over (requests already written are retried, and
 * duplicated). Here a socket kafkajs has ended tells kafkajs nothing more. (Destroying a socket
 * still connecting instead would be neater, but kafkajs then never connects that broker again.)
 */
import type { Socket } from "node:net";
import type { ISocketFactory } from "kafkajs";
// @ts-expect-error kafkajs ships no types for its internal modules.
import defaultSocketFactoryModule from "kafkajs/src/network/socketFactory.js";

const KAFKAJS_EVENTS = new Set(["data", "end", "error", "timeout"]);
const defaultSocketFactory = defaultSocketFactoryModule as () => ISocketFactory;

export interface RetiringSocketFactory extends ISocketFactory {
  /**
   * Destroys the sockets kafkajs left open after its clients disconnected: a Connection connected
   * twice at once (two callers while it was down, as after a cut) keeps only the second socket,
   * and the first one, open and referenced, would keep the process alive after the run.
   */
  closeStray(): void;
}

export function retiringSocketFactory(): RetiringSocketFactory {
  const create = defaultSocketFactory();
  // Every socket made here and not closed yet.
  const open = new Set<Socket>();
  const factory: ISocketFactory = (args) => {
    let retired = false;
    const socket = create(args);
    open.add(socket);
    socket.once("close", () => open.delete(socket));
    const on = socket.on.bind(socket);
    // kafkajs's listeners (socket.js: data, end, error, timeout) hear nothing from a socket it
    // has ended; Node's own (once('connect', unref) on a socket ended while connecting) still do.
    socket.on = ((event: string, listener: (...a: unknown[]) => void) =>
      on(event, KAFKAJS_EVENTS.has(event) ? (...a: unknown[]) => {
        if (!retired) listener(...a);
      } : listener)) as typeof socket.on;
    const end = socket.end.bind(socket);
    socket.end = ((...a: Parameters<typeof socket.end>) => {
      retired = true;
      return end(...a);
    }) as typeof socket.end;
    return socket;
  };
  return Object.assign(factory, {
    closeStray(): void {
      for (const socket of open) socket.destroy();
      open.clear();
    },
  });
}
