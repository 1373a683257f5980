import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nameParts } from "./name-tail";

// Pod names as Kubernetes generates them: a ReplicaSet's pod is <deployment>-<pod-template-hash>-<5 random>, from
// the alphabet of k8s.io/apimachinery's rand.String ("bcdfghjklmnpqrstvwxz2456789"); a StatefulSet's <name>-<ordinal>.
const ALPHABET = "bcdfghjklmnpqrstvwxz2456789".split("");
const word = fc.stringMatching(/^[a-z][a-z0-9]{0,15}$/);
const suffix = fc.array(fc.constantFrom(...ALPHABET), { minLength: 5, maxLength: 5 }).map((cs) => cs.join(""));
const hash = fc.array(fc.constantFrom(...ALPHABET), { minLength: 8, maxLength: 10 }).map((cs) => cs.join(""));
const deployment = fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join("-"));

describe("nameParts", () => {
  it("keeps a ReplicaSet pod's random suffix whole, so two pods of one ReplicaSet never read the same", () => {
    fc.assert(
      fc.property(deployment, hash, suffix, suffix, (d, h, s1, s2) => {
        fc.pre(s1 !== s2);
        const a = nameParts(`${d}-${h}-${s1}`);
        const b = nameParts(`${d}-${h}-${s2}`);
        expect(a).toEqual({ head: `${d}-${h}`, tail: `-${s1}` });
        expect(a.tail).not.toBe(b.tail);
      }),
    );
  });

  it("keeps a StatefulSet's ordinal", () => {
    expect(nameParts("web-12")).toEqual({ head: "web", tail: "-12" });
    // the walk-through's demo pods
    expect(nameParts("pod-a-66b77fb7f6-wbx5f")).toEqual({ head: "pod-a-66b77fb7f6", tail: "-wbx5f" });
  });

  it("gives back any name whole, cut once at most, and a tail of at most 9 characters starting with a dash", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (name) => {
        const { head, tail } = nameParts(name);
        expect(head + tail).toBe(name);
        if (tail) {
          expect(tail.startsWith("-")).toBe(true);
          expect(tail.length).toBeLessThanOrEqual(9);
          expect(tail.slice(1)).not.toContain("-");
          expect(head.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it("leaves names without a short last part to shorten at their end", () => {
    expect(nameParts("ovs-bridge-uplinkphysnet")).toEqual({ head: "ovs-bridge-uplinkphysnet", tail: "" });
    expect(nameParts("trailing-")).toEqual({ head: "trailing-", tail: "" });
    expect(nameParts("-lead")).toEqual({ head: "-lead", tail: "" });
    expect(nameParts("plain")).toEqual({ head: "plain", tail: "" });
  });
});
