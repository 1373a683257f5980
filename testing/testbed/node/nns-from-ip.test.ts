import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseNnsInterfaces } from "../../../lib/nns/interfaces";
import { nnsInterfaces, parseIpJson } from "./nns-from-ip";
import { nodeNetworkState } from "./reporter";

// Real `ip -d -j addr` output (iproute2 6.1, kernel 6.18) of a namespace shaped like the node's: a stand-in NIC with
// the node address, a macvlan on a parent, a bridge with one veth port and an address.
const fixture = readFileSync(path.join(import.meta.dirname, "fixtures/ip-d-j-addr.json"), "utf8");

describe("NodeNetworkState from ip -d -j addr", () => {
  const ifaces = nnsInterfaces(parseIpJson(fixture));
  const byName = new Map(ifaces.map((i) => [i.name, i]));

  it("names types as kubernetes-nmstate does", () => {
    expect(byName.get("mybr0")?.type).toBe("linux-bridge");
    expect(byName.get("mv0")?.type).toBe("mac-vlan");
    expect(byName.get("node0")?.type).toBe("veth");
    expect(byName.get("lo")?.type).toBe("loopback");
  });

  it("is read back by the dashboard's own NodeNetworkState parser: ports, parent, addresses, MACs", () => {
    const status = nodeNetworkState("n1", ifaces).status;
    const parsed = parseNnsInterfaces(status);
    if (!parsed.ok) throw new Error(parsed.error);
    const got = new Map(parsed.value.map((i) => [i.name, i]));
    expect(got.get("mybr0")?.ports).toEqual(["veth1"]);
    expect(got.get("mybr0")?.ips).toContain("192.168.12.1/24");
    expect(got.get("veth1")?.controller).toBe("mybr0");
    expect(got.get("mv0")?.baseIface).toBe("ens9");
    expect(got.get("node0")?.ips).toContain("172.31.254.2/24");
    const raw = parseIpJson(fixture);
    for (const l of raw) expect(got.get(l.ifname)?.mac).toBe(l.address?.toUpperCase());
  });

  it("reports the administrative state, as nmstate does (a bridge without carrier is up)", () => {
    expect(byName.get("mybr0")?.state).toBe("up");
    expect(byName.get("mv0")?.state).toBe("down");
    expect(byName.get("lo")?.state).toBe("up");
  });

  it("refuses output that is not ip's link list", () => {
    expect(() => parseIpJson('{"ifname":"x"}')).toThrow();
    expect(() => parseIpJson("[{}]")).toThrow();
  });
});
