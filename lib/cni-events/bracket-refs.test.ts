import { describe, expect, it } from "vitest";
import { bracketRefs, nameEnd } from "./bracket-refs";

describe("bracketRefs: Multus's [ns/pod/uid:net]", () => {
  it("reads every form Multus writes, in order", () => {
    const text =
      "failed (add): [default/pod-a/0a1b-2c3d:macvlan-conf]: x [kube-system/p100/:ext-0] [ns/web] [ns/web/9ca0] [a/b:]";
    expect(bracketRefs(text)).toEqual([
      { namespace: "default", pod: "pod-a", network: "macvlan-conf" },
      { namespace: "kube-system", pod: "p100", network: "ext-0" },
      { namespace: "ns", pod: "web" },
      { namespace: "ns", pod: "web" },
      { namespace: "a", pod: "b", network: "" },
    ]);
  });

  it("reads one whose [ was cut off, and one after another [ in its token", () => {
    expect(bracketRefs("kube-system/pod-case-02:macvlan-conf-1]")).toEqual([
      { namespace: "kube-system", pod: "pod-case-02", network: "macvlan-conf-1" },
    ]);
    expect(bracketRefs("x[[y[ns/p:n]")).toEqual([{ namespace: "ns", pod: "p", network: "n" }]);
  });

  it("takes no path, address or half-name for a pod", () => {
    expect(bracketRefs("in path [/opt/cni/bin] at https://[10.96.0.1]:443 [default/..:n] [-a/b] [a/b-] ]a/b]")).toEqual(
      [],
    );
  });
});

describe("nameEnd", () => {
  it("ends a DNS-style name on a letter or digit", () => {
    expect(nameEnd("ab-c.d-/x", 0)).toBe(6);
    expect(nameEnd("a--", 0)).toBe(1);
    expect(nameEnd("-a", 0)).toBe(-1);
  });
});
