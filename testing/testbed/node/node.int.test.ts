// The node stage against a real apiserver: two nodes under one control plane. A pod gets net1 from real Multus
// (bridge + whereabouts) and `ip` agrees with the annotation; the apiserver reaches each kubelet (logs, exec) through
// its egress selector; macvlan over ens9 reaches across nodes while mybr0 is an island; a node can run without a
// NodeNetworkState; and after stop() nothing either node made is left on the machine.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { parseNetworkStatus } from "../../../lib/pod/network-status";
import { applyObjects, kubeRequest, startTestCluster, type TestCluster } from "../cluster";
import { cgroupRootExists } from "./cgroups";
import { NODE_SPECS } from "./config";
import { imageRef } from "./image";
import { adminConfig, podExec, podLog } from "./kubelet-streams";
import { ipJson, netnsPath } from "./netns";
import { parseIpJson } from "./nns-from-ip";
import { startNodes, type TestNode, type TestNodes } from "./node";
import { SEGMENT_BRIDGE } from "./segment";
import {
  bridgePorts,
  ipv4,
  networkStatus,
  nodeLinks,
  type Pod,
  podAddr,
  podPid,
  requestOn,
  runningPods,
} from "./truth";

const NS = "node-check";
const SYSCTLS = ["vm/overcommit_memory", "kernel/panic", "kernel/panic_on_oops", "net/ipv4/ip_forward"];

/** What of the machine the nodes must never change: its own links and addresses, and kernel tunables. */
function machine(): { links: string[]; sysctls: string[] } {
  const links = parseIpJson(execFileSync("ip", ["-j", "addr"], { encoding: "utf8" }));
  return {
    links: links.map((l) => `${l.ifname} ${l.address ?? ""} ${l.addr_info.map((a) => a.local ?? "").join(",")}`).sort(),
    sysctls: SYSCTLS.map((k) => `${k}=${readFileSync(`/proc/sys/${k}`, "utf8").trim()}`),
  };
}

let c: TestCluster;
let bed: TestNodes;
let one: TestNode;
let two: TestNode;
const before = machine();

beforeAll(async () => {
  c = await startTestCluster({ seed: false });
  bed = await startNodes(c, [NODE_SPECS[0], { ...NODE_SPECS[1], nodeNetworkState: false }]);
  [one, two] = bed.nodes as [TestNode, TestNode];
  await applyObjects(c, [{ apiVersion: "v1", kind: "Namespace", metadata: { name: NS } }]);
}, 900_000);
afterAll(async () => {
  await bed?.stop();
  await c?.stop();
});

const nad = (name: string, config: Record<string, unknown>) => ({
  apiVersion: "k8s.cni.cncf.io/v1",
  kind: "NetworkAttachmentDefinition",
  metadata: { name, namespace: NS },
  spec: { config: JSON.stringify({ cniVersion: "0.3.1", name, ...config }) },
});
const whereabouts = (net: string) => ({ type: "whereabouts", range: `${net}.0/24`, range_start: `${net}.10` });

/** A busybox pod on `node` (by name: no scheduler decision to wait for) with `networks`, printing `say` first. */
const pod = (name: string, node: TestNode, networks: string, say = "") => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: NS, labels: { app: name }, annotations: { "k8s.v1.cni.cncf.io/networks": networks } },
  spec: {
    nodeName: node.name,
    containers: [
      {
        name: "c",
        image: imageRef(),
        imagePullPolicy: "Never",
        command: ["/bin/busybox", "sh", "-c", `echo '${say}'; trap 'exit 0' TERM; while :; do sleep 1 & wait $!; done`],
      },
    ],
    terminationGracePeriodSeconds: 1,
  },
});

async function running(name: string): Promise<Pod> {
  const [p] = await runningPods(requestOn(c), NS, `app=${name}`, 1);
  if (!p) throw new Error(`pod ${name} not running`);
  return p;
}

function netIp(p: Pod, network: string): string {
  const status = parseNetworkStatus(networkStatus(p) ?? "");
  if (!status.ok) throw new Error(status.error);
  return status.value.find((s) => s.name === `${NS}/${network}`)?.ips?.[0] ?? "";
}

/** One ping from inside `from`'s network namespace (the walk-through's `ip netns exec ... ping`). */
function pings(node: TestNode, from: Pod, to: string): boolean {
  const pid = podPid(node.cgroupRoot, from.metadata.uid ?? "");
  const r = spawnSync("nsenter", ["-t", String(pid), "-n", "busybox", "ping", "-c", "2", "-W", "2", to]);
  return r.status === 0;
}

describe("the node stage", () => {
  it("runs a pod with a secondary network from real Multus, and ip on the node and in the pod agree", async () => {
    await applyObjects(c, [nad("bridge-check", { type: "bridge", bridge: "chkbr0", ipam: whereabouts("192.168.77") })]);
    await applyObjects(c, [pod("one", one, "bridge-check")]);
    const p = await running("one");
    expect(netIp(p, "bridge-check")).toBe("192.168.77.10");
    const status = parseNetworkStatus(networkStatus(p) ?? "");
    const net1 = status.ok ? status.value.find((s) => s.interface === "net1") : undefined;
    const inPod = podAddr(one.cgroupRoot, p.metadata.uid ?? "", "net1");
    expect(ipv4(inPod)).toEqual(["192.168.77.10"]);
    expect(inPod?.address).toBe(net1?.mac);
    expect(bridgePorts(one.netns, "chkbr0")).toHaveLength(1);
    // The node's links are in its namespace and nowhere else.
    const names = nodeLinks(one.netns).map((l) => l.ifname);
    expect(names).toEqual(expect.arrayContaining(["node0", "cni0", "chkbr0", "ens8", "ens9"]));
    expect(machine().links.some((l) => l.startsWith("chkbr0 ") || l.startsWith("cni0 "))).toBe(false);
  });

  it("serves pod logs and exec through the apiserver on either node (egress selector → node's kubelet)", async () => {
    const kc = adminConfig(c.kubeconfigPath);
    for (const node of [one, two]) {
      const name = `talk-${node === one ? "one" : "two"}`;
      await applyObjects(c, [pod(name, node, "", `hello from ${node.name}`)]);
      await running(name);
      expect(await podLog(kc, NS, name, "c")).toBe(`hello from ${node.name}\n`);
      const r = await podExec(kc, NS, name, "c", ["/bin/busybox", "sh", "-c", "hostname; echo oops >&2; exit 3"]);
      expect(r).toMatchObject({ stdout: `${name}\n`, stderr: "oops\n", code: 3 });
    }
  });

  it("joins the nodes' ens9 on one segment: macvlan reaches across nodes, mybr0 does not (an island)", async () => {
    const nodes = z.object({
      items: z.array(
        z.object({
          metadata: z.object({ name: z.string() }),
          status: z.object({ addresses: z.array(z.object({ type: z.string(), address: z.string() })) }),
        }),
      ),
    });
    const listed = nodes.parse((await kubeRequest(c, "GET", "/api/v1/nodes")).body).items;
    expect(
      listed.map((n) => `${n.metadata.name} ${n.status.addresses.find((a) => a.type === "InternalIP")?.address}`),
    ).toEqual([`${one.name} ${one.ip}`, `${two.name} ${two.ip}`]);
    expect(ipJson(bed.segment, ["link", "show", "master", SEGMENT_BRIDGE])).toHaveLength(2);
    await applyObjects(c, [
      nad("mv", { type: "macvlan", master: "ens9", mode: "bridge", ipam: whereabouts("192.168.78") }),
      nad("br", { type: "bridge", bridge: "mybr0", ipam: whereabouts("192.168.79") }),
    ]);
    await applyObjects(c, [pod("x1", one, "mv,br"), pod("x2", two, "mv,br"), pod("x3", one, "br")]);
    const [x1, x2, x3] = [await running("x1"), await running("x2"), await running("x3")];
    expect(pings(one, x1, netIp(x2, "mv"))).toBe(true);
    expect(pings(two, x2, netIp(x1, "mv"))).toBe(true);
    expect(pings(one, x1, netIp(x3, "br"))).toBe(true); // same host: mybr0 carries it
    expect(pings(one, x1, netIp(x2, "br"))).toBe(false); // across hosts: mybr0 has no uplink
    expect(bridgePorts(one.netns, "mybr0")).toHaveLength(2);
    expect(bridgePorts(two.netns, "mybr0")).toHaveLength(1);
  });

  it("publishes a NodeNetworkState only for the node that has its reporter on", async () => {
    const nns = (n: TestNode) => kubeRequest(c, "GET", `/apis/nmstate.io/v1beta1/nodenetworkstates/${n.name}`);
    expect((await nns(one)).status).toBe(200);
    expect((await nns(two)).status).toBe(404);
  });

  it("leaves nothing on the machine after stop(), of either node or the segment", async () => {
    const made = bed.nodes.map(({ netns, cgroupRoot, dir }) => ({ netns, cgroupRoot, dir }));
    await bed.stop();
    const netnsList = execFileSync("ip", ["netns", "list"], { encoding: "utf8" });
    for (const { netns, cgroupRoot, dir } of made) {
      expect(netnsList).not.toContain(netns);
      expect(cgroupRootExists(cgroupRoot)).toBe(false);
      expect(readFileSync("/proc/self/mountinfo", "utf8")).not.toContain(dir);
      expect(execFileSync("sh", ["-c", `ls -d ${dir} 2>/dev/null || true`], { encoding: "utf8" })).toBe("");
    }
    expect(netnsList).not.toContain(bed.segment);
    expect(spawnSync("test", ["-e", netnsPath(bed.segment)]).status).toBe(1);
    expect(machine()).toEqual(before);
  });
});
