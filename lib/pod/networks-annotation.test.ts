import { describe, expect, it } from "vitest";
import { type NetworkRequest, parseNetworksAnnotation, requestedInterfaceNames } from "./networks-annotation";

function requests(value: string, ns = "demo"): NetworkRequest[] {
  const r = parseNetworksAnnotation(value, ns);
  if (!r.ok) throw new Error(`expected ${value} to parse, got: ${r.error}`);
  return r.value;
}

function error(value: string, ns = "demo"): string {
  const r = parseNetworksAnnotation(value, ns);
  if (r.ok) throw new Error(`expected ${value} to be rejected, got ${JSON.stringify(r.value)}`);
  return r.error;
}

describe("parseNetworksAnnotation: comma form", () => {
  it("reads names, namespaces and @ifname; a missing namespace is the pod's", () => {
    expect(requests("net-a, other-ns/net-c ,macvlan-conf@macvlan1,ns2/br@eth5", "demo")).toEqual([
      { namespace: "demo", name: "net-a", interface: undefined, ips: [], defaultRoute: [] },
      { namespace: "other-ns", name: "net-c", interface: undefined, ips: [], defaultRoute: [] },
      { namespace: "demo", name: "macvlan-conf", interface: "macvlan1", ips: [], defaultRoute: [] },
      { namespace: "ns2", name: "br", interface: "eth5", ips: [], defaultRoute: [] },
    ]);
  });

  it("reads an empty annotation as no requests, and skips empty items", () => {
    expect(requests("")).toEqual([]);
    expect(requests("  ")).toEqual([]);
    expect(requests("a,,b,").map((r) => r.name)).toEqual(["a", "b"]);
  });

  it("keeps a repeated network as two requests", () => {
    expect(requests("bridge-main,bridge-main").map((r) => `${r.namespace}/${r.name}`)).toEqual([
      "demo/bridge-main",
      "demo/bridge-main",
    ]);
  });

  it("reads `name@` as the name without an interface, as Multus does", () => {
    expect(requests("net@")).toEqual([
      { namespace: "demo", name: "net", interface: undefined, ips: [], defaultRoute: [] },
    ]);
  });

  it("rejects garbage", () => {
    expect(error("a/b/c")).toMatch(/"a\/b\/c" is not of the form/);
    expect(error("UPPER")).toBe('"UPPER" is not a valid network name');
    expect(error("Demo/net")).toBe('"Demo" is not a valid namespace');
    expect(error("net-")).toMatch(/not a valid network name/);
    expect(error("@eth1")).toMatch(/not of the form/);
    expect(error("a@b@c")).toMatch(/not of the form/);
    expect(error("ns/")).toMatch(/not of the form/);
    expect(error("good,bad_name")).toMatch(/bad_name/);
    expect(error(`${"a".repeat(64)}`)).toMatch(/not a valid network name/);
  });
});

describe("parseNetworksAnnotation: JSON form", () => {
  it("reads names, namespaces, interface, ips, mac and default-route", () => {
    const value = JSON.stringify([
      {
        name: "br1-net",
        namespace: "other",
        interface: "net1",
        ips: ["192.168.100.50/24", "fd00::50/64"],
        mac: "02:23:45:67:89:01",
        "default-route": ["192.168.100.1"],
        "cni-args": { x: 1 },
      },
      { name: "sriov-net" },
    ]);
    expect(requests(value, "demo")).toEqual([
      {
        namespace: "other",
        name: "br1-net",
        interface: "net1",
        ips: ["192.168.100.50/24", "fd00::50/64"],
        mac: "02:23:45:67:89:01",
        defaultRoute: ["192.168.100.1"],
      },
      { namespace: "demo", name: "sriov-net", interface: undefined, ips: [], mac: undefined, defaultRoute: [] },
    ]);
  });

  it('treats any value with [, { or " as JSON', () => {
    expect(error('"net-a"')).toBe("is not a JSON list");
    expect(error("[{")).toMatch(/^not valid JSON/);
    expect(error("net-a,{")).toMatch(/^not valid JSON/);
  });

  it("rejects a JSON object instead of a list (Multus cannot unmarshal it)", () => {
    expect(error('{"name":"br1-net"}')).toMatch(/not a JSON list/);
  });

  it("rejects entries without a name, non-object entries and invalid names", () => {
    expect(error('[{"name":"ok"},{"namespace":"demo"}]')).toBe('entry 1 has no "name"');
    expect(error('[{"name":""}]')).toBe('entry 0 has no "name"');
    expect(error('["br1-net"]')).toBe("entry 0 is not an object");
    expect(error('[{"name":"Br1"}]')).toMatch(/^entry 0: "Br1" is not a valid network name/);
    expect(error('[{"name":"br1","namespace":"a/b"}]')).toMatch(/^entry 0: "a\/b" is not a valid namespace/);
  });

  it("reads an empty JSON list as no requests", () => {
    expect(requests("[]")).toEqual([]);
  });
});

describe("requestedInterfaceNames", () => {
  it("names unnamed requests net1, net2, ... by position, keeping asked-for names", () => {
    expect(requestedInterfaceNames(requests("a,b@mine,a"))).toEqual(["net1", "mine", "net3"]);
  });

  it("gives the same NAD requested twice two interfaces", () => {
    expect(requestedInterfaceNames(requests("bridge-main,bridge-main"))).toEqual(["net1", "net2"]);
  });
});
