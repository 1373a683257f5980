import { describe, expect, it } from "vitest";
import { type Part, type PartInformer, type PartState, partsStatus } from "./parts";
import { WATCHED } from "./resources";

// The status on every revocation path (issue 25, item 4): "live" only when the picture is what the identity may read.

const pods = WATCHED.find((r) => r.resource === "pods");
if (!pods) throw new Error("pods are watched");
const informer = { list: () => [] } as unknown as PartInformer;
const part = (state: PartState, namespace?: string): Part => ({
  resource: pods,
  namespace,
  informer,
  state,
  everSynced: state.kind === "synced",
  attempt: 0,
  starting: false,
});
const lost = {
  kind: "forbidden",
  message: "list pods in all namespaces: forbidden",
  lost: "2026-01-01T00:00:00Z",
} as const;
const refused = { kind: "forbidden", message: "list pods in namespace a: forbidden" } as const;

describe("partsStatus after access was lost cluster-wide", () => {
  it("is live when every namespace standing in for the kind is read", () => {
    expect(partsStatus([part(lost), part({ kind: "synced" }, "a")], null).state).toBe("live");
  });
  it("is stale when the namespaces standing in are refused too (it said live)", () => {
    expect(partsStatus([part(lost), part(refused, "a")], null)).toMatchObject({
      state: "stale",
      reason: expect.stringContaining("no longer shown"),
    });
  });
  it("is stale with no namespace to stand in, and while one is still being read", () => {
    expect(partsStatus([part(lost)], null).state).toBe("stale");
    const reading = [part(lost), part({ kind: "synced" }, "a"), part({ kind: "pending" }, "b")];
    expect(partsStatus(reading, null).state).toBe("stale");
  });
  it("is stale while a refused kind an access review allows again is read (its refusal no longer holds)", () => {
    const regained = { ...refused, regained: "2026-01-01T00:00:01Z" };
    expect(partsStatus([part({ kind: "synced" }), part(regained, "a")], null).state).toBe("stale");
  });
});
