// The apiserver's way to kubelets (egress.ts + node/connect-proxy.mjs) on its own: a CONNECT to a routed address is
// dialled from inside that node's network namespace; an unrouted address, a refused dial and a non-CONNECT are
// answered with a status and the reason. node/node.int.test.ts proves the whole path with a real kubelet.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectTarget, type Egress, startEgress } from "./egress";

const netns = `plumbline-egress-${randomBytes(3).toString("hex")}`;
const dir = mkdtempSync(path.join(tmpdir(), "plumbline-egress-"));
const procs: ChildProcess[] = [];
let egress: Egress;

const inNetns = (args: string[]): ChildProcess => {
  const p = spawn("nsenter", [`--net=/run/netns/${netns}`, process.execPath, ...args], { stdio: "ignore" });
  procs.push(p);
  return p;
};

beforeAll(async () => {
  egress = await startEgress(dir);
  execFileSync("ip", ["netns", "add", netns]);
  execFileSync("ip", ["-n", netns, "link", "set", "lo", "up"]);
  const sock = path.join(dir, "node.sock");
  inNetns([path.resolve(import.meta.dirname, "node/connect-proxy.mjs"), sock]);
  // Stands where a kubelet listens: only inside the namespace (the machine's own 127.0.0.1:10250 is not it).
  inNetns([
    "-e",
    "require('net').createServer((s) => s.end('inside ' + process.argv[1])).listen(10250, '127.0.0.1')",
    netns,
  ]);
  for (const deadline = Date.now() + 10_000; !existsSync(sock); await new Promise((r) => setTimeout(r, 50)))
    if (Date.now() > deadline) throw new Error("connect-proxy did not listen");
  egress.route("127.0.0.1", sock);
});

afterAll(async () => {
  for (const p of procs) p.kill("SIGKILL");
  execFileSync("ip", ["netns", "delete", netns]);
  await egress?.close();
  rmSync(dir, { recursive: true, force: true });
});

function ask(head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = connect(path.join(dir, "egress.sock"));
    let buf = "";
    c.on("data", (b) => (buf += b));
    c.on("close", () => resolve(buf));
    c.on("error", reject);
    c.write(head);
  });
}

describe("the apiserver's egress to nodes", () => {
  it("tunnels a CONNECT to a node's address from inside that node's namespace", async () => {
    await expect
      .poll(() => ask("CONNECT 127.0.0.1:10250 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
      .toBe(`HTTP/1.1 200 Connection established\r\n\r\ninside ${netns}`);
  });

  it("says why it cannot: no node has the address, the node refuses, not a CONNECT", async () => {
    expect(await ask("CONNECT 10.9.9.9:10250 HTTP/1.1\r\n\r\n")).toMatch(
      /^HTTP\/1.1 502 .*no node of the test bed has address 10.9.9.9$/s,
    );
    expect(await ask("CONNECT 127.0.0.1:9 HTTP/1.1\r\n\r\n")).toMatch(
      /^HTTP\/1.1 502 .*dial 127.0.0.1:9 from the node: connect ECONNREFUSED/s,
    );
    expect(await ask("GET / HTTP/1.1\r\n\r\n")).toMatch(/^HTTP\/1.1 400 /);
    expect(connectTarget("CONNECT [fd00::2]:10250 HTTP/1.1\r\n")).toEqual({ host: "fd00::2", port: 10250 });
    expect(() => egress.route("127.0.0.1", "/elsewhere")).toThrow(/routed to .* already/);
  });
});
