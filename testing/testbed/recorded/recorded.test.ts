// What a real node wrote (testing/testbed/node/record.ts: kubelet, containerd, Multus thin plugin, whereabouts, the
// NodeNetworkState reporter; versions in provenance.json), read by the dashboard's own parsers.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAddedInterface } from "../../../lib/cni-events/added-interface";
import { parseCniFailure } from "../../../lib/cni-events/parse-failure";
import { parseNadConfig } from "../../../lib/nad/parse-config";
import { parseNnsInterfaces } from "../../../lib/nns/interfaces";
import { NETWORK_STATUS_ANNOTATION, NETWORKS_ANNOTATION } from "../../../lib/pod/annotations";
import { parseNetworkStatus } from "../../../lib/pod/network-status";
import { parseNetworksAnnotation } from "../../../lib/pod/networks-annotation";
import { parseIpPoolSpec } from "../../../lib/whereabouts/ippool";

interface Obj {
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}
interface Event {
  reason: string;
  message: string;
  involvedObject: { name: string };
  source?: { component?: string };
}
// Cast: files record.ts wrote from the API; the assertions below are what checks their shape.
const read = <T>(f: string): T => JSON.parse(readFileSync(path.join(import.meta.dirname, f), "utf8")) as T;
const pods = read<Obj[]>("pods.json");
const events = read<Event[]>("events.json");
const pod = (name: string): Obj => {
  const p = pods.find((x) => x.metadata.name === name);
  if (!p) throw new Error(`no ${name} in pods.json`);
  return p;
};
const status = (name: string) => {
  const r = parseNetworkStatus(pod(name).metadata.annotations?.[NETWORK_STATUS_ANNOTATION] ?? "");
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe("recorded from a real node", () => {
  it("names the versions that wrote it", () => {
    expect(read<{ versions: string }>("provenance.json").versions).toMatch(/multus v4\.\d+\.\d+.*whereabouts v0\.\d+/);
  });

  it("network-status: every running pod's annotation parses, one default entry, net1 from the NAD it asked for", () => {
    for (const name of ["pod-a", "pod-b", "pod-c", "pod-d"]) {
      const s = status(name);
      expect(s.filter((e) => e.isDefault)).toHaveLength(1);
      const requested = parseNetworksAnnotation(
        pod(name).metadata.annotations?.[NETWORKS_ANNOTATION] ?? "",
        "multus-test",
      );
      if (!requested.ok) throw new Error(requested.error);
      expect(s.find((e) => e.interface === "net1")?.name).toBe(`multus-test/${requested.value[0]?.name}`);
      for (const e of s) expect(e.mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    }
    const e = status("pod-e");
    expect(e.map((x) => x.interface)).toEqual(["eth0", "net1", "net2"]);
  });

  it("network-status: addresses come from the NADs' whereabouts ranges", () => {
    const ips = ["pod-a", "pod-b"].flatMap((n) => status(n).find((x) => x.interface === "net1")?.ips ?? []);
    expect(ips).toHaveLength(2);
    for (const ip of ips) expect(ip).toMatch(/^192\.168\.12\.(\d+)$/);
    // pod-d and pod-e start together: which one whereabouts serves first is not fixed.
    const macvlan = [
      status("pod-d").find((x) => x.interface === "net1"),
      status("pod-e").find((x) => x.interface === "net2"),
    ];
    expect(macvlan.flatMap((x) => x?.ips ?? []).sort()).toEqual(["192.168.13.10", "192.168.13.11"]);
  });

  it("network-status: host-device without IPAM has no ips key at all; every entry carries an empty dns object", () => {
    // Cast: the raw annotation, to see which keys Multus wrote (the parser below normalises them away).
    const raw = JSON.parse(pod("pod-c").metadata.annotations?.[NETWORK_STATUS_ANNOTATION] ?? "[]") as Record<
      string,
      unknown
    >[];
    const hd = raw.find((x) => x.interface === "net1");
    expect(hd && "ips" in hd).toBe(false);
    expect(status("pod-c").find((x) => x.interface === "net1")?.ips).toEqual([]);
    for (const e of raw) expect(e.dns).toEqual({});
  });

  it("Multus' own transient failures (waiting for the pod under load) parse and name the pod", () => {
    const transient = events.filter(
      (x) => x.reason === "FailedCreatePodSandBox" && x.message.includes("error waiting for pod"),
    );
    for (const ev of transient) expect(parseCniFailure(ev.message).pod).toBe(ev.involvedObject.name);
  });

  it("AddedInterface events: one per interface Multus added, read by the events parser", () => {
    const added = events.filter((x) => x.reason === "AddedInterface");
    expect(added.length).toBeGreaterThanOrEqual(5);
    for (const ev of added) {
      const parsed = parseAddedInterface(ev.message);
      expect(parsed, ev.message).not.toBeNull();
      expect(ev.source?.component).toBe("multus");
    }
    const net1a = added
      .map((x) => parseAddedInterface(x.message))
      .find((x) => x?.network === "multus-test/bridge-main");
    expect(net1a?.interface).toBe("net1");
  });

  it("the kubelet's sandbox failure for the exhausted range is read as ip-range-exhausted", () => {
    const failed = events.find((x) => x.reason === "FailedCreatePodSandBox" && x.involvedObject.name === "pod-x2");
    expect(failed?.source?.component).toBe("kubelet");
    const f = parseCniFailure(failed?.message ?? "");
    expect(f.cause).toBe("ip-range-exhausted");
    expect(f.pod).toBe("pod-x2");
  });

  it("IPPools parse, and each allocation names a pod that holds that address", () => {
    const pools = read<Obj[]>("ippools.json");
    expect(pools.length).toBeGreaterThanOrEqual(2);
    for (const p of pools) {
      const r = parseIpPoolSpec(p.spec);
      if (!r.ok) throw new Error(r.error);
      for (const a of r.value.allocations) {
        const holder = pods.find((x) => `multus-test/${x.metadata.name}` === a.podref);
        expect(holder, a.podref).toBeDefined();
      }
    }
  });

  it("the NADs parse, and the NodeNetworkState shows mybr0 with a port per bridge-main pod", () => {
    for (const n of read<Obj[]>("nads.json")) expect(parseNadConfig(String(n.spec?.config)).ok).toBe(true);
    const [nns] = read<Obj[]>("nodenetworkstates.json");
    const r = parseNnsInterfaces(nns?.status);
    if (!r.ok) throw new Error(r.error);
    const br = r.value.find((i) => i.name === "mybr0");
    expect(br?.type).toBe("linux-bridge");
    expect(br?.ports).toHaveLength(3);
    expect(r.value.some((i) => i.name === "ens8")).toBe(false);
  });
});
