import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  hostId,
  hostNameOf,
  idPart,
  interfaceId,
  interfaceLabel,
  nameOfRef,
  networkId,
  networkIdOfRef,
  parseInterfaceId,
  podId,
  podIdOfRef,
  podNameOf,
  podRefOf,
  pointId,
  refOf,
  splitRef,
  unescapeIdPart,
} from "./ids";

/** What Kubernetes accepts as a namespace, pod or node name (DNS labels; enough for these properties). */
const dnsName = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);

describe("element ids are built and read back by one module", () => {
  it("builds the documented shapes", () => {
    expect(hostId("worker1")).toBe("host/worker1");
    expect(pointId("worker1", "bridge", "mybr0")).toBe("host/worker1/bridge/mybr0");
    expect(podId("multus-test", "pod-a")).toBe("pod/multus-test/pod-a");
    expect(interfaceId(podId("multus-test", "pod-a"), "net1")).toBe("pod/multus-test/pod-a/if/net1");
    expect(networkId("multus-test", "bridge-main")).toBe("network/multus-test/bridge-main");
    expect(networkIdOfRef("multus-test/bridge-main")).toBe(networkId("multus-test", "bridge-main"));
    expect(podIdOfRef("multus-test/pod-a")).toBe(podId("multus-test", "pod-a"));
  });

  it("a host's name comes back from its id, and no other id passes for a host's", () => {
    fc.assert(
      fc.property(dnsName, fc.string(), (node, device) => {
        expect(hostNameOf(hostId(node))).toBe(node);
        expect(hostNameOf(pointId(node, "bridge", device))).toBeUndefined();
        expect(hostNameOf(podId(node, node))).toBeUndefined();
      }),
      { seed: 9, numRuns: 300 },
    );
  });

  it("escapes exactly %, /, ~ and > in a name, each as %XX, and leaves every other name as it is", () => {
    const name = fc.string({ unit: fc.constantFrom("a", "0", "-", ".", "%", "/", "~", ">", "é", "%2F") });
    fc.assert(
      fc.property(fc.oneof(name, fc.string()), (s) => {
        const escaped = [...s].map((c) => ({ "%": "%25", "/": "%2F", "~": "%7E", ">": "%3E" })[c] ?? c).join("");
        expect(idPart(s)).toBe(escaped);
      }),
      { seed: 14, numRuns: 500 },
    );
  });

  it("an interface id gives back its pod and its interface name, whatever characters the name holds", () => {
    fc.assert(
      fc.property(dnsName, dnsName, fc.string(), (ns, pod, ifname) => {
        const id = interfaceId(podId(ns, pod), ifname);
        expect(parseInterfaceId(id)).toEqual({ pod: podId(ns, pod), interface: ifname });
        // The n-th interface of one name (`~n`) reads back as that name too.
        expect(parseInterfaceId(`${id}~2`)).toEqual({ pod: podId(ns, pod), interface: ifname });
        expect(unescapeIdPart(idPart(ifname))).toBe(ifname);
      }),
      { seed: 9, numRuns: 300 },
    );
    expect(parseInterfaceId("pod/ns/a")).toBeUndefined();
    expect(parseInterfaceId("host/w1/bridge/br0")).toBeUndefined();
  });

  it("names an interface the way the UI shows it", () => {
    const id = interfaceId(podId("multus-test", "pod-a"), "net/1");
    expect(interfaceLabel(id)).toBe("pod-a net/1");
    expect(interfaceLabel(id, true)).toBe("multus-test/pod-a net/1");
    expect(interfaceLabel("network/ns/n")).toBe("network/ns/n");
  });

  it("refs join and split a namespaced name", () => {
    fc.assert(
      fc.property(dnsName, dnsName, (namespace, name) => {
        expect(splitRef(refOf({ namespace, name }))).toEqual({ namespace, name });
        expect(nameOfRef(refOf({ namespace, name }))).toBe(name);
        expect(podRefOf(podId(namespace, name))).toBe(refOf({ namespace, name }));
        expect(podNameOf(podId(namespace, name))).toBe(name);
      }),
      { seed: 9, numRuns: 300 },
    );
    expect(splitRef("bare")).toEqual({ namespace: "", name: "bare" });
  });
});
