import { describe, expect, it } from "vitest";
import { annotation, asKubeObject, groupOf, type KubeObject, keyOf } from "./objects";

describe("asKubeObject", () => {
  it("keeps apiVersion, kind, metadata, spec and status", () => {
    const o = asKubeObject({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", namespace: "n", labels: { a: "b" } },
      spec: { x: 1 },
      status: { phase: "Running" },
      extra: 1,
    });
    expect(o).toEqual({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", namespace: "n", labels: { a: "b" } },
      spec: { x: 1 },
      status: { phase: "Running" },
    });
  });

  it("takes kind and apiVersion from the list it came from when the item lacks them", () => {
    const o = asKubeObject({ metadata: { name: "p" } }, { apiVersion: "v1", kind: "Pod" });
    expect(typeof o !== "string" && [o.apiVersion, o.kind]).toEqual(["v1", "Pod"]);
  });

  it("says what is missing", () => {
    expect(asKubeObject("x")).toBe("not an object");
    expect(asKubeObject({ apiVersion: "v1", metadata: { name: "p" } })).toBe("no kind");
    expect(asKubeObject({ kind: "Pod", metadata: { name: "p" } })).toBe("Pod without apiVersion");
    expect(asKubeObject({ apiVersion: "v1", kind: "Pod", metadata: {} })).toBe("Pod without metadata.name");
    expect(asKubeObject({ apiVersion: "v1", kind: "Pod" })).toBe("Pod without metadata.name");
    expect(asKubeObject({ apiVersion: "v1", kind: "Pod", metadata: { name: "" } })).toBe("Pod without metadata.name");
  });
});

describe("helpers", () => {
  const pod = (annotations: unknown, namespace?: string): KubeObject =>
    ({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", ...(namespace ? { namespace } : {}), annotations },
    }) as KubeObject;

  it("groupOf splits the API group off the version; core is empty", () => {
    expect(groupOf("k8s.cni.cncf.io/v1")).toBe("k8s.cni.cncf.io");
    expect(groupOf("v1")).toBe("");
  });

  it("keyOf is namespace/name, or the name for cluster-scoped objects", () => {
    expect(keyOf(pod({}, "demo"))).toBe("demo/p");
    expect(keyOf(pod({}))).toBe("p");
  });

  it("annotation reads string values only", () => {
    expect(annotation(pod({ a: "x", b: 1 }), "a")).toBe("x");
    expect(annotation(pod({ a: "x", b: 1 }), "b")).toBeUndefined();
    expect(annotation(pod(undefined), "a")).toBeUndefined();
    expect(annotation(pod("junk"), "a")).toBeUndefined();
  });
});
