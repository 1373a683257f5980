// Runs inside the node's network namespace: 127.0.0.1:<port> there -> a unix socket the test bed serves in the
// machine's own namespace, which connects on to the apiserver on the machine's loopback. The node reaches the
// apiserver at the very URL (and certificate name) everyone else uses, and no interface leaves the namespace.
import { connect, createServer } from "node:net";

const [port, socketPath] = process.argv.slice(2);
const server = createServer((client) => {
  const upstream = connect(socketPath);
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on("error", close);
  upstream.on("error", close);
});
server.listen(Number(port), "127.0.0.1", () => process.stdout.write("listening\n"));
process.on("SIGTERM", () => process.exit(0));
