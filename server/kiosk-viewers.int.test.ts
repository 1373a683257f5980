import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/http/limits";
import { startTestCluster, type TestCluster } from "@/testing/testbed/cluster";

// Issue 25, item 3: the kiosk (service-account identity) is one identity shared by every viewer the auth proxy lets
// in. Its caps on open live views were per identity, so viewers 33 to 40 got 429 "too many open live views" while
// one viewer's 32 tabs were open. Caps are now per viewer (the proxy's X-Forwarded-User), with a bound on all
// viewers together so made-up viewer names cannot open streams without end. The app's own tRPC route handler (what
// `next start` runs for /api/trpc), configured as the kiosk overlay configures it, on the real test bed.

let cluster: TestCluster;
let handle: (req: Request) => Promise<Response>;
const opened: AbortController[] = [];

beforeAll(async () => {
  cluster = await startTestCluster();
  Object.assign(process.env, {
    PLUMBLINE_SOURCE: "kubeconfig",
    PLUMBLINE_IDENTITY: "service-account",
    KUBECONFIG: cluster.kubeconfigPath,
    PLUMBLINE_CONTEXT: "admin",
  });
  handle = (await import("@/app/api/trpc/[trpc]/route")).GET;
}, 120_000);

afterAll(async () => {
  for (const ac of opened) ac.abort();
  await (await import("./registry-instance")).getRegistry().closeAll();
  await cluster?.stop();
});

const input = (v: unknown) => `input=${encodeURIComponent(JSON.stringify(v))}`;

/** Opens the cluster's live view as a viewer's tab does (behind the proxy); resolves with the status. */
async function openView(viewer: string): Promise<number> {
  const ac = new AbortController();
  opened.push(ac);
  const res = await handle(
    new Request(`http://plumbline.example/api/trpc/topology.view?${input({ view: {} })}`, {
      headers: { accept: "text/event-stream", "x-forwarded-user": viewer },
      signal: ac.signal,
    }),
  );
  const reader = res.body?.getReader();
  ac.signal.addEventListener("abort", () => void reader?.cancel().catch(() => {}), { once: true });
  if (res.status === 200) await reader?.read(); // the first message: the stream is served
  return res.status;
}

const closeAll = () => {
  for (const ac of opened.splice(0)) ac.abort();
};

describe("kiosk viewers", () => {
  it("one viewer's tabs fill that viewer's cap only: viewers 33 to 40 each get a view", async () => {
    const alice = await Promise.all(Array.from({ length: LIMITS.streamsPerIdentity }, () => openView("alice")));
    expect(alice).toEqual(Array(LIMITS.streamsPerIdentity).fill(200));
    expect(await openView("alice")).toBe(429);
    const others = [];
    for (let i = 33; i <= 40; i++) others.push(await openView(`viewer-${i}`));
    expect(others).toEqual(Array(8).fill(200));
    closeAll();
  }, 120_000);

  it("made-up viewer names cannot open live views without end: all viewers together are bounded", async () => {
    // Wait until the server has seen the last test's streams close.
    for (let i = 0; i < 50 && (await openView("probe")) !== 200; i++) await new Promise((r) => setTimeout(r, 100));
    closeAll();
    await new Promise((r) => setTimeout(r, 500));
    const statuses = [];
    for (let i = 0; i < LIMITS.streamsShared; i += 32)
      statuses.push(...(await Promise.all(Array.from({ length: 32 }, (_, j) => openView(`made-up-${i + j}`)))));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(await openView("one-more")).toBe(429);
    closeAll();
  }, 120_000);
});
