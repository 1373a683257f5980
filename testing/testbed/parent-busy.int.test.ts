// The rule parent-device-busy states, asked of this machine's kernel, and the finding read from what "Inspect node
// links" sees there: a network namespace shaped like a node (a NIC that is a bridge's port, a free NIC, the bridge),
// a macvlan tried on each device by `ip link add`, then the node-links probe's own script run in that namespace (both
// of its ways: iproute2's JSON and the POSIX-shell sysfs listing) and the topology built from its links with one
// macvlan network per device and a pod asking for each. The networks the finding names must be exactly the devices
// the kernel refused.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { parseProbeOutput } from "@/lib/node-links/probe-output";
import { NODE_LINKS_SCRIPT } from "@/lib/node-links/script";
import { probedNodeNetworkState } from "@/lib/node-links/to-nns";
import { buildTopology } from "@/lib/topology/build";
import { nad, node, pod } from "@/testing/fixtures/objects";
import { addNic, deleteNetns, ip } from "./node/netns";

const NETNS = `plumbline-busy-${process.pid}`;
/** iproute2 by its path: the sysfs run hides it from the script's PATH, not from the test */
const IP = execFileSync("/bin/sh", ["-c", "command -v ip"], { encoding: "utf8" }).trim();
const NODE = "worker-busy";
/** eth1: the bridge's port; eth2: a NIC of its own; br0: the bridge itself */
const DEVICES = ["eth1", "eth2", "br0"] as const;

beforeAll(() => {
  deleteNetns(NETNS);
  execFileSync("ip", ["netns", "add", NETNS]);
  ip(NETNS, ["link", "set", "lo", "up"]);
  addNic(NETNS, "eth1");
  addNic(NETNS, "eth2");
  ip(NETNS, ["link", "add", "br0", "type", "bridge"]);
  ip(NETNS, ["link", "set", "br0", "up"]);
  ip(NETNS, ["link", "set", "eth1", "master", "br0"]);
});
afterAll(() => deleteNetns(NETNS));

/** What the kernel answers to a macvlan on the device: refused (its message) or made (then removed again). */
function kernelAnswer(device: string): "made" | string {
  const name = `mv-${device}`;
  try {
    ip(NETNS, ["link", "add", "link", device, "name", name, "type", "macvlan", "mode", "bridge"]);
  } catch (e) {
    return String((e as { stderr?: string }).stderr ?? e).trim();
  }
  ip(NETNS, ["link", "del", name]);
  return "made";
}

/** The probe's script in the namespace, with `ip` on its PATH (iproute2's JSON) or none at all (sysfs). */
function probe(withIp: boolean) {
  const out = execFileSync(IP, ["netns", "exec", NETNS, "/bin/sh", "-c", NODE_LINKS_SCRIPT], {
    encoding: "utf8",
    env: { ...process.env, PATH: withIp ? (process.env.PATH ?? "") : "/nonexistent" },
  });
  const parsed = parseProbeOutput(out);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

/** The networks (one macvlan network per device, each with a pod asking for it) the finding names, by device. */
function flagged(withIp: boolean): { method: string; devices: string[] } {
  const links = probe(withIp);
  const nns = probedNodeNetworkState({
    node: NODE,
    links: links.links,
    at: "2026-12-07T12:00:00Z",
    by: "admin",
    method: links.method,
  });
  const objects = [
    node(NODE),
    nns,
    ...DEVICES.flatMap((d) => [
      nad(
        `mv-${d}`,
        { cniVersion: "0.3.1", name: `mv-${d}`, type: "macvlan", master: d, mode: "bridge", ipam: {} },
        { namespace: "cnf" },
      ),
      pod(`app-${d}`, { namespace: "cnf", node: NODE, networks: `mv-${d}`, phase: "Pending" }),
    ]),
  ];
  const findings = buildTopology(snapshotFromObjects(objects, "test")).findings.filter(
    (f) => f.code === "parent-device-busy",
  );
  const devices = DEVICES.filter((d) => findings.some((f) => f.message.includes(`cnf/mv-${d}`)));
  return { method: links.method, devices };
}

describe("parent-device-busy against the kernel", () => {
  it("the kernel refuses a macvlan on the bridge's port and makes one on a free NIC and on the bridge itself", () => {
    const answers = Object.fromEntries(DEVICES.map((d) => [d, kernelAnswer(d)]));
    expect(answers).toEqual({ eth1: expect.stringContaining("Device or resource busy"), eth2: "made", br0: "made" });
  });

  it.each([
    [true, "ip-json"],
    [false, "sysfs"],
  ])("the probe's links (ip on PATH: %s, read as %s) flag exactly the devices the kernel refuses", (withIp, method) => {
    const refused = DEVICES.filter((d) => kernelAnswer(d) !== "made");
    const got = flagged(withIp);
    expect(got.method).toBe(method);
    expect(got.devices).toEqual(refused);
    expect(refused).toEqual(["eth1"]);
  });
});
