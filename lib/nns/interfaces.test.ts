import { describe, expect, it } from "vitest";
import { parseNnsInterfaces } from "./interfaces";

describe("parseNnsInterfaces", () => {
  it("reads NICs, bridges with ports, macvlan/vlan base interfaces and dual-stack addresses", () => {
    const r = parseNnsInterfaces({
      lastSuccessfulUpdateTime: "2026-11-27T09:00:00Z",
      currentState: {
        interfaces: [
          {
            name: "ens3",
            type: "ethernet",
            state: "up",
            "mac-address": "52:54:00:4a:16:01",
            mtu: 1500,
            ipv4: { enabled: true, address: [{ ip: "10.0.0.21", "prefix-length": 24 }] },
            ipv6: { enabled: true, address: [{ ip: "fd00::21", "prefix-length": 64 }, { ip: "fe80::1" }] },
          },
          { name: "ens4", type: "ethernet", state: "up", controller: "br1" },
          {
            name: "br1",
            type: "linux-bridge",
            state: "up",
            bridge: { options: {}, port: [{ name: "ens4" }, { stp: {} }, { name: "veth1" }] },
          },
          { name: "mv0", type: "mac-vlan", "mac-vlan": { "base-iface": "ens3", mode: "bridge" } },
          { name: "ens3.100", type: "vlan", vlan: { "base-iface": "ens3", id: 100 } },
          { name: "ipv0", type: "ipvlan", ipvlan: { "base-iface": "ens3", mode: "l2" } },
        ],
      },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [ens3, ens4, br1, mv0, vlan, ipv0] = r.value;
    expect(ens3).toEqual({
      name: "ens3",
      type: "ethernet",
      state: "up",
      mac: "52:54:00:4a:16:01",
      mtu: 1500,
      controller: undefined,
      ips: ["10.0.0.21/24", "fd00::21/64", "fe80::1"],
      ports: [],
    });
    expect(ens4?.controller).toBe("br1");
    expect(br1?.ports).toEqual(["ens4", "veth1"]);
    expect(mv0?.baseIface).toBe("ens3");
    expect(vlan).toMatchObject({ baseIface: "ens3", vlanId: 100 });
    expect(ipv0?.baseIface).toBe("ens3");
  });

  it("skips interfaces without a name and types unknown ones", () => {
    const r = parseNnsInterfaces({ currentState: { interfaces: [{ type: "ethernet" }, "x", { name: "weird" }] } });
    expect(r.ok && r.value.map((i) => [i.name, i.type])).toEqual([["weird", "unknown"]]);
  });

  it("fails without status, currentState or an interface list", () => {
    expect(parseNnsInterfaces(undefined)).toEqual({ ok: false, error: "status is missing" });
    expect(parseNnsInterfaces({ lastSuccessfulUpdateTime: "x" })).toEqual({
      ok: false,
      error: "status.currentState is missing",
    });
    expect(parseNnsInterfaces({ currentState: { interfaces: {} } })).toEqual({
      ok: false,
      error: "status.currentState.interfaces is not a list",
    });
  });
});
