// How the test bed's kube-apiserver reaches kubelets that live in their own network namespaces (pod logs, exec,
// port-forward): the apiserver's egress selector sends every "cluster" dial as an HTTP CONNECT over a unix socket
// (`--egress-selector-config-file`, transport uds), the way a konnectivity server would receive it. Unix sockets are
// bound to the filesystem, not to a network namespace, so this dispatcher in the machine's namespace hands each
// CONNECT to the proxy that the node owning the address runs inside its own namespace (node/connect-proxy.mjs).
// Nothing is routed, no interface or address is added to the machine.
// The kubelet authenticates the apiserver by a client certificate this module makes (openssl), as kubeadm does.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import path from "node:path";
import { stringify } from "yaml";

export interface Egress {
  /** the apiserver flags that route its cluster traffic through the dispatcher and authenticate it to kubelets */
  apiserverArgs: string[];
  /** the CA a kubelet trusts for client certificates (its `authentication.x509.clientCAFile`) */
  kubeletClientCaFile: string;
  /** CONNECTs to `ip` go to the CONNECT proxy on `socketPath` (a node's); the returned function removes the route */
  route(ip: string, socketPath: string): () => void;
  close(): Promise<void>;
}

/** "CONNECT host:port HTTP/1.1" → host (brackets of an IPv6 literal removed), or undefined. */
export function connectTarget(head: string): { host: string; port: number } | undefined {
  const m = /^CONNECT (\[[0-9a-fA-F:.]+\]|[^\s:]+):(\d{1,5}) HTTP\/1\.[01]\r\n/.exec(head);
  if (!m?.[1] || !m[2]) return undefined;
  return { host: m[1].replace(/^\[|\]$/g, ""), port: Number(m[2]) };
}

const MAX_HEAD = 8192;

/** Reads the request head (up to the blank line) without consuming anything after it. */
function readHead(sock: Socket, done: (head: string | undefined) => void): void {
  let buf = Buffer.alloc(0);
  const onData = (b: Buffer): void => {
    buf = Buffer.concat([buf, b]);
    const end = buf.indexOf("\r\n\r\n");
    if (end < 0 && buf.length < MAX_HEAD) return;
    sock.off("data", onData);
    sock.pause();
    if (end < 0) {
      done(undefined);
      return;
    }
    const rest = buf.subarray(end + 4);
    if (rest.length > 0) sock.unshift(rest);
    done(buf.subarray(0, end + 4).toString("latin1"));
  };
  sock.on("data", onData);
}

function refuse(sock: Socket, status: string, why: string): void {
  sock.end(`HTTP/1.1 ${status}\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(why)}\r\n\r\n${why}`);
}

function dispatcher(routes: Map<string, string>): Server {
  return createServer((client) => {
    client.on("error", () => client.destroy());
    readHead(client, (head) => {
      const target = head === undefined ? undefined : connectTarget(head);
      const socketPath = target && routes.get(target.host);
      if (!head || !target) refuse(client, "400 Bad Request", "expected CONNECT host:port");
      else if (!socketPath) refuse(client, "502 Bad Gateway", `no node of the test bed has address ${target.host}`);
      else tunnel(client, head, target.host, socketPath);
    });
  });
}

function tunnel(client: Socket, head: string, host: string, socketPath: string): void {
  const upstream = connect(socketPath);
  const down = (): void => refuse(client, "502 Bad Gateway", `the CONNECT proxy of the node at ${host} is down`);
  upstream.once("error", down);
  upstream.once("connect", () => {
    upstream.off("error", down);
    const close = (): void => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on("error", close);
    client.on("error", close);
    // The node's proxy answers the CONNECT itself; from here on bytes flow both ways untouched.
    upstream.write(head);
    client.resume();
    client.pipe(upstream).pipe(client);
  });
}

function openssl(args: string[]): void {
  execFileSync("openssl", args, { stdio: ["ignore", "ignore", "pipe"] });
}

/** An openssl request config naming the subject (`-subj` quoting and `-addext` differ across openssl versions). */
const reqConfig = (dn: string): string => `[req]
distinguished_name = dn
prompt = no
[dn]
${dn}
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign
[client]
extendedKeyUsage = clientAuth
keyUsage = critical, digitalSignature
`;

/** A throw-away CA and the apiserver's client certificate signed by it (valid 2 days; the bed lives minutes). */
function kubeletClientCerts(dir: string): { ca: string; cert: string; key: string } {
  const f = (n: string): string => path.join(dir, n);
  writeFileSync(f("ca.cnf"), reqConfig("CN = plumbline-testbed-kubelet-client-ca"));
  writeFileSync(f("client.cnf"), reqConfig("O = system:masters\nCN = kube-apiserver-kubelet-client"));
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
  const ca = f("kubelet-client-ca.crt");
  const cert = f("kubelet-client.crt");
  const key = f("kubelet-client.key");
  openssl([
    "req",
    "-x509",
    "-config",
    f("ca.cnf"),
    "-extensions",
    "ca",
    ...ec,
    "-days",
    "2",
    "-keyout",
    f("ca.key"),
    "-out",
    ca,
  ]);
  openssl(["req", "-new", "-config", f("client.cnf"), ...ec, "-keyout", key, "-out", f("client.csr")]);
  openssl(
    ["x509", "-req", "-in", f("client.csr"), "-CA", ca, "-CAkey", f("ca.key"), "-CAcreateserial", "-days", "2"].concat([
      "-extfile",
      f("client.cnf"),
      "-extensions",
      "client",
      "-out",
      cert,
    ]),
  );
  return { ca, cert, key };
}

export async function startEgress(dir: string): Promise<Egress> {
  const f = (n: string): string => path.join(dir, n);
  const certs = kubeletClientCerts(dir);
  const socketPath = f("egress.sock");
  const config = f("egress-selector.yaml");
  writeFileSync(
    config,
    stringify({
      apiVersion: "apiserver.k8s.io/v1beta1",
      kind: "EgressSelectorConfiguration",
      egressSelections: [
        { name: "cluster", connection: { proxyProtocol: "HTTPConnect", transport: { uds: { udsName: socketPath } } } },
      ],
    }),
  );
  const routes = new Map<string, string>();
  const srv = dispatcher(routes);
  await new Promise<void>((resolve, reject) => {
    srv.once("error", reject);
    srv.listen(socketPath, () => resolve());
  });
  return {
    apiserverArgs: [
      `--egress-selector-config-file=${config}`,
      // The node's Hostname address is a name nothing resolves; its InternalIP is what the dispatcher routes on.
      "--kubelet-preferred-address-types=InternalIP",
      `--kubelet-client-certificate=${certs.cert}`,
      `--kubelet-client-key=${certs.key}`,
    ],
    kubeletClientCaFile: certs.ca,
    route(ip, nodeSocket) {
      if (routes.has(ip)) throw new Error(`egress: address ${ip} is routed to ${routes.get(ip)} already`);
      routes.set(ip, nodeSocket);
      return () => {
        if (routes.get(ip) === nodeSocket) routes.delete(ip);
      };
    },
    close: () => new Promise((resolve) => srv.close(() => resolve())),
  };
}
