// Forwards 127.0.0.1:LISTEN to HOST:PORT, byte for byte. Apache Kafka's PipeDemo has its bootstrap
// address written in (localhost:9092); the brokers then hand it their own addresses, so only the
// first connection passes here. Usage: node bootstrap-forward.mjs LISTEN HOST:PORT
import net from "node:net";

const [listen, target] = process.argv.slice(2);
const [host, port] = (target ?? "").split(":");
if (!listen || !host || !port) {
  console.error("usage: node bootstrap-forward.mjs LISTEN_PORT HOST:PORT");
  process.exit(2);
}
const server = net.createServer((client) => {
  const upstream = net.connect(Number(port), host);
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on("error", close);
  upstream.on("error", close);
});
server.on("error", (error) => {
  console.error(`bootstrap-forward: cannot listen on 127.0.0.1:${listen}: ${error.message}`);
  process.exit(1);
});
server.listen(Number(listen), "127.0.0.1", () => console.error(`bootstrap-forward: 127.0.0.1:${listen} -> ${target}`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
