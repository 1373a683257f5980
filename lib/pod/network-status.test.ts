import { describe, expect, it } from "vitest";
import { type NetworkStatus, parseNetworkStatus } from "./network-status";

function statuses(value: unknown): NetworkStatus[] {
  const r = parseNetworkStatus(typeof value === "string" ? value : JSON.stringify(value));
  if (!r.ok) throw new Error(`expected network-status to parse, got: ${r.error}`);
  return r.value;
}

describe("parseNetworkStatus", () => {
  it("reads what Multus writes: the default network, a secondary with gateway, an SR-IOV VF with device-info", () => {
    const s = statuses([
      {
        name: "ovn-kubernetes",
        interface: "eth0",
        ips: ["10.128.2.15"],
        mac: "0a:58:0a:80:02:0f",
        default: true,
        dns: {},
      },
      {
        name: "demo/br1-net",
        interface: "net1",
        ips: ["192.168.100.50"],
        mac: "02:23:45:67:89:01",
        dns: {},
        gateway: ["192.168.100.1"],
      },
      {
        name: "demo/sriov-net",
        interface: "net2",
        ips: ["10.56.217.9"],
        mac: "ca:fe:c0:ff:ee:00",
        dns: {},
        "device-info": {
          type: "pci",
          version: "1.1.0",
          pci: { "pci-address": "0000:18:02.5", "pf-pci-address": "0000:18:00.0" },
        },
      },
    ]);
    expect(s).toEqual([
      {
        name: "ovn-kubernetes",
        interface: "eth0",
        ips: ["10.128.2.15"],
        mac: "0a:58:0a:80:02:0f",
        isDefault: true,
        gateway: [],
        deviceInfo: undefined,
      },
      {
        name: "demo/br1-net",
        interface: "net1",
        ips: ["192.168.100.50"],
        mac: "02:23:45:67:89:01",
        isDefault: false,
        gateway: ["192.168.100.1"],
        deviceInfo: undefined,
      },
      {
        name: "demo/sriov-net",
        interface: "net2",
        ips: ["10.56.217.9"],
        mac: "ca:fe:c0:ff:ee:00",
        isDefault: false,
        gateway: [],
        deviceInfo: { type: "pci", pciAddress: "0000:18:02.5", pfPciAddress: "0000:18:00.0" },
      },
    ]);
  });

  it("keeps bare and CIDR addresses, IPv4 and IPv6 together (dual stack)", () => {
    const [s] = statuses([
      { name: "demo/dual", interface: "net1", ips: ["192.168.100.50/24", "fd00:100::50/64", "10.1.1.1"] },
    ]);
    expect(s?.ips).toEqual(["192.168.100.50/24", "fd00:100::50/64", "10.1.1.1"]);
  });

  it("reads the spec's `default-route` as the gateway too, without duplicates", () => {
    expect(statuses([{ name: "a/b", "default-route": ["192.168.1.1"] }])[0]?.gateway).toEqual(["192.168.1.1"]);
    expect(
      statuses([{ name: "a/b", gateway: ["192.168.1.1"], "default-route": ["192.168.1.1", "fd00::1"] }])[0]?.gateway,
    ).toEqual(["192.168.1.1", "fd00::1"]);
  });

  it("reads device-info without pci details, and ignores device-info without a type", () => {
    expect(
      statuses([{ name: "a/b", "device-info": { type: "vhost-user", "vhost-user": { mode: "server" } } }])[0]
        ?.deviceInfo,
    ).toEqual({ type: "vhost-user", pciAddress: undefined, pfPciAddress: undefined });
    expect(statuses([{ name: "a/b", "device-info": { version: "1.1.0" } }])[0]?.deviceInfo).toBeUndefined();
  });

  it("reads `default` only when it is literally true", () => {
    expect(statuses([{ name: "x", default: "true" }])[0]?.isDefault).toBe(false);
  });

  it("tolerates missing optional fields and junk in lists", () => {
    expect(statuses([{ name: "a/b", ips: ["10.0.0.1", 5, null, ""] }])).toEqual([
      {
        name: "a/b",
        interface: undefined,
        ips: ["10.0.0.1"],
        mac: undefined,
        isDefault: false,
        gateway: [],
        deviceInfo: undefined,
      },
    ]);
    expect(statuses("[]")).toEqual([]);
  });

  it("rejects invalid JSON, non-lists, non-object entries and entries without a name", () => {
    expect(parseNetworkStatus("[{").ok).toBe(false);
    expect(parseNetworkStatus('{"name":"a/b"}')).toEqual({ ok: false, error: "network-status is not a JSON list" });
    expect(parseNetworkStatus('["a/b"]')).toEqual({ ok: false, error: "entry 0 is not an object" });
    expect(parseNetworkStatus('[{"name":"a/b"},{"interface":"net2"}]')).toEqual({
      ok: false,
      error: 'entry 1 has no "name"',
    });
  });
});
