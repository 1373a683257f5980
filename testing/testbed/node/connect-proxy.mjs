// Runs inside a node's network namespace: an HTTP CONNECT proxy on a unix socket (in the stage's dir, which the
// machine sees) that dials from the node's namespace. The apiserver's egress selector reaches it through the
// cluster's dispatcher (testing/testbed/egress.ts), so `kubectl logs/exec` reach the kubelet at the node's address.
// Only TCP to addresses this namespace can reach; a refused dial is answered 502 with the reason.
import { connect, createServer } from "node:net";

const [socketPath] = process.argv.slice(2);
const MAX_HEAD = 8192;

const server = createServer((client) => {
  let buf = Buffer.alloc(0);
  client.on("error", () => client.destroy());
  const onData = (b) => {
    buf = Buffer.concat([buf, b]);
    const end = buf.indexOf("\r\n\r\n");
    if (end < 0 && buf.length < MAX_HEAD) return;
    client.off("data", onData);
    client.pause();
    const m =
      end < 0 ? null : /^CONNECT (\[[0-9a-fA-F:.]+\]|[^\s:]+):(\d{1,5}) HTTP\/1\.[01]\r\n/.exec(buf.toString("latin1"));
    if (!m) return client.end("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n");
    const rest = buf.subarray(end + 4);
    const upstream = connect(Number(m[2]), m[1].replace(/^\[|\]$/g, ""));
    upstream.once("error", (e) => {
      const why = `dial ${m[1]}:${m[2]} from the node: ${e.message}`;
      client.end(`HTTP/1.1 502 Bad Gateway\r\ncontent-length: ${Buffer.byteLength(why)}\r\n\r\n${why}`);
    });
    upstream.once("connect", () => {
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      upstream.on("error", close);
      client.on("error", close);
      client.write("HTTP/1.1 200 Connection established\r\n\r\n");
      if (rest.length > 0) upstream.write(rest);
      client.resume();
      client.pipe(upstream).pipe(client);
    });
  };
  client.on("data", onData);
});
server.listen(socketPath, () => process.stdout.write("listening\n"));
process.on("SIGTERM", () => process.exit(0));
