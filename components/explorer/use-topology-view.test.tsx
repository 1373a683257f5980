import { renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { StaticSource } from "@/server/sources/static-source";
import { demoProviders } from "@/testing/demo-trpc";
import { DEMO_NS, W1, W2 } from "@/testing/fixtures/demo";
import { useTopologyView } from "./use-topology-view";

// The explorer's view hook against the real router and the demo cluster, over tRPC's local link. The waits are
// waits, not speed checks: two busy cores may take seconds to build a view.
const WAIT = { timeout: 20_000 };
describe("useTopologyView", () => {
  it("shows the cluster when its snapshot arrives, then switches views keeping the old one until the new one comes", async () => {
    const { wrapper } = demoProviders();
    const { result, rerender } = renderHook(({ query }) => useTopologyView(undefined, query), {
      wrapper,
      initialProps: { query: {} },
    });
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.topology).not.toBeNull(), WAIT);
    const hosts = (result.current.topology?.elements ?? []).filter((e) => e.kind === "host").map((e) => e.name);
    expect(hosts.sort()).toEqual([W1, W2].sort());
    expect(result.current.current).toBe(true);
    expect(result.current.catalog?.namespaces).toContain(DEMO_NS);

    // Another view: the cluster stays on screen, not current, until the host's view arrives.
    rerender({ query: { host: W1 } });
    expect(result.current.current).toBe(false);
    expect(result.current.topology).not.toBeNull();
    await waitFor(() => expect(result.current.current).toBe(true), WAIT);
    const nodes = new Set((result.current.topology?.elements ?? []).flatMap((e) => (e.kind === "pod" ? [e.node] : [])));
    expect([...nodes]).toEqual([W1]);
  });

  it("a view undone before its successor came is on screen again, but not settled until its own subscription delivers", async () => {
    // The page says "reconnecting" when the subscription of a settled view connects: a filter picked and undone
    // at once (the view still on screen) made it say so for a connection never lost (e2e/live/view-switch.spec.ts).
    const { wrapper } = demoProviders();
    const { result, rerender } = renderHook(({ query }) => useTopologyView(undefined, query), {
      wrapper,
      initialProps: { query: {} },
    });
    await waitFor(() => expect(result.current.settled).toBe(true), WAIT);
    rerender({ query: { host: W1 } });
    rerender({ query: {} });
    expect(result.current.subscription.status).toBe("connecting");
    expect(result.current.current).toBe(true);
    expect(result.current.settled).toBe(false);
    await waitFor(() => expect(result.current.settled).toBe(true), WAIT);
    expect(result.current.subscription.status).toBe("pending");
  });

  it("follows a change in the cluster: a deleted pod leaves the view that showed it", async () => {
    const { wrapper, sources } = demoProviders();
    const { result } = renderHook(() => useTopologyView(undefined, { host: W2 }), { wrapper });
    await waitFor(() => expect(result.current.current).toBe(true), WAIT);
    const pod = result.current.topology?.elements.find((e) => e.kind === "pod");
    if (pod?.kind !== "pod") throw new Error("no pod on the demo's second worker");
    const lease = await sources.acquire();
    try {
      if (!(lease.source instanceof StaticSource)) throw new Error("the demo is a static source");
      const obj = lease.source.snapshot().pods.find((p) => p.metadata.name === pod.name);
      if (!obj) throw new Error("pod not in the source");
      lease.source.remove(obj);
    } finally {
      lease.release();
    }
    await waitFor(() => expect(result.current.topology?.elements.some((e) => e.id === pod.id)).toBe(false), WAIT);
  });
});
