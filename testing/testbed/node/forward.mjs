// A forwarder run inside a node's network namespace: accepts on LISTEN and pipes each connection to TARGET.
//   node forward.mjs <tcp:HOST:PORT | unix:PATH> <tcp:HOST:PORT | unix:PATH | file:PATH>
// The node stage uses it for its way to the apiserver: 127.0.0.1:<port> in the node -> a unix socket the test bed
// serves in the machine's own namespace, so the node reaches the apiserver at the very URL (and certificate name)
// everyone else uses and no interface leaves the namespace. The deployed-image test uses it as a Service's stand-in
// data path (the bed has no kube-proxy): a file TARGET is read afresh for every connection (the test writes the
// Service's ready endpoint there from its EndpointSlice, as ingress-nginx follows endpoints); empty: closed at once.
// Prints "listening" once it accepts.
import { chmodSync, readFileSync } from "node:fs";
import { connect, createServer } from "node:net";

const [listen = "", target = ""] = process.argv.slice(2);

/** "tcp:10.0.0.1:443" -> {host, port}; "unix:/x.sock" -> {path}; undefined when empty */
function address(spec) {
  const s = spec.trim();
  if (s.startsWith("unix:")) return { path: s.slice(5) };
  const m = /^tcp:(.+):(\d+)$/.exec(s);
  return m ? { host: m[1], port: Number(m[2]) } : undefined;
}
const resolveTarget = () => {
  if (!target.startsWith("file:")) return address(target);
  try {
    return address(readFileSync(target.slice(5), "utf8"));
  } catch {
    return undefined;
  }
};

const server = createServer((client) => {
  const to = resolveTarget();
  if (!to) {
    client.destroy();
    return;
  }
  const upstream = connect(to);
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on("error", close);
  upstream.on("error", close);
  client.on("close", close);
  upstream.on("close", close);
});
const at = address(listen);
if (!at) {
  console.error(`forward: cannot listen on "${listen}"`);
  process.exit(2);
}
server.listen(at, () => {
  // nginx's workers run as nobody: they must be able to connect.
  if (at.path) chmodSync(at.path, 0o666);
  process.stdout.write("listening\n");
});
process.on("SIGTERM", () => process.exit(0));
