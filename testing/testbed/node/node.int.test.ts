// The node stage against a real apiserver: a pod gets net1 from real Multus (bridge + whereabouts), `ip` agrees
// with the annotation, and after stop() nothing the node made is left on the machine.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseNetworkStatus } from "../../../lib/pod/network-status";
import { applyObjects, startTestCluster, type TestCluster } from "../cluster";
import { cgroupRootExists } from "./cgroups";
import { imageRef } from "./image";
import { parseIpJson } from "./nns-from-ip";
import { startNode, type TestNode } from "./node";
import { bridgePorts, ipv4, networkStatus, nodeLinks, podAddr, requestOn, runningPods } from "./truth";

const NS = "node-check";
const SYSCTLS = ["vm/overcommit_memory", "kernel/panic", "kernel/panic_on_oops", "net/ipv4/ip_forward"];

/** What of the machine the node must never change: its own links and addresses, and kernel tunables. */
function machine(): { links: string[]; sysctls: string[] } {
  const links = parseIpJson(execFileSync("ip", ["-j", "addr"], { encoding: "utf8" }));
  return {
    links: links.map((l) => `${l.ifname} ${l.address ?? ""} ${l.addr_info.map((a) => a.local ?? "").join(",")}`).sort(),
    sysctls: SYSCTLS.map((k) => `${k}=${readFileSync(`/proc/sys/${k}`, "utf8").trim()}`),
  };
}

let c: TestCluster;
let node: TestNode;
const before = machine();

beforeAll(async () => {
  c = await startTestCluster({ seed: false });
  node = await startNode(c);
}, 900_000);
afterAll(async () => {
  await node?.stop();
  await c?.stop();
});

describe("the node stage", () => {
  it("runs a pod with a secondary network from real Multus, and ip on the node and in the pod agree", async () => {
    const nad = {
      apiVersion: "k8s.cni.cncf.io/v1",
      kind: "NetworkAttachmentDefinition",
      metadata: { name: "bridge-check", namespace: NS },
      spec: {
        config: JSON.stringify({
          cniVersion: "0.3.1",
          name: "bridge-check",
          type: "bridge",
          bridge: "chkbr0",
          ipam: { type: "whereabouts", range: "192.168.77.0/24", range_start: "192.168.77.10" },
        }),
      },
    };
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "one",
        namespace: NS,
        labels: { app: "one" },
        annotations: { "k8s.v1.cni.cncf.io/networks": "bridge-check" },
      },
      spec: {
        containers: [{ name: "c", image: imageRef(), imagePullPolicy: "Never" }],
        terminationGracePeriodSeconds: 1,
      },
    };
    await applyObjects(c, [{ apiVersion: "v1", kind: "Namespace", metadata: { name: NS } }, nad]);
    await applyObjects(c, [pod]);
    const [running] = await runningPods(requestOn(c), NS, "app=one", 1);
    // Read with the dashboard's own parser.
    const status = parseNetworkStatus(running ? (networkStatus(running) ?? "") : "");
    if (!status.ok) throw new Error(status.error);
    const net1 = status.value.find((s) => s.interface === "net1");
    expect(net1?.name).toBe(`${NS}/bridge-check`);
    expect(net1?.ips).toEqual(["192.168.77.10"]);
    const inPod = podAddr(node.cgroupRoot, running?.metadata.uid ?? "", "net1");
    expect(ipv4(inPod)).toEqual(["192.168.77.10"]);
    expect(inPod?.address).toBe(net1?.mac);
    expect(bridgePorts(node.netns, "chkbr0")).toHaveLength(1);
    // The node's links are in its namespace and nowhere else.
    const names = nodeLinks(node.netns).map((l) => l.ifname);
    expect(names).toEqual(expect.arrayContaining(["node0", "cni0", "chkbr0"]));
    expect(machine().links.some((l) => l.startsWith("chkbr0 ") || l.startsWith("cni0 "))).toBe(false);
  });

  it("leaves nothing on the machine after stop()", async () => {
    const { netns, cgroupRoot, dir } = node;
    await node.stop();
    expect(execFileSync("ip", ["netns", "list"], { encoding: "utf8" })).not.toContain(netns);
    expect(cgroupRootExists(cgroupRoot)).toBe(false);
    expect(readFileSync("/proc/self/mountinfo", "utf8")).not.toContain(dir);
    expect(execFileSync("sh", ["-c", `ls -d ${dir} 2>/dev/null || true`], { encoding: "utf8" })).toBe("");
    expect(machine()).toEqual(before);
  });
});
