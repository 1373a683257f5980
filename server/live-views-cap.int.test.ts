import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/http/limits";
import { type Standalone, startStandalone } from "@/testing/testbed/standalone";

// Open tabs hold a live view each (an SSE stream). They are bounded by the identity's stream cap and must never use
// up the few calls at once the same identity has for everything else (search, forms, the export).
let server: Standalone;
const opened: AbortController[] = [];

beforeAll(async () => {
  server = await startStandalone({ PLUMBLINE_SOURCE: "demo" });
});
afterAll(async () => {
  for (const ac of opened) ac.abort();
  await server?.stop();
});

const input = (v: unknown) => `input=${encodeURIComponent(JSON.stringify(v))}`;

/** Opens the cluster's live view as a tab does; resolves with the status once the response starts. */
async function openView(): Promise<number> {
  const ac = new AbortController();
  opened.push(ac);
  const res = await fetch(`${server.base}/api/trpc/topology.view?${input({ view: {} })}`, {
    headers: { accept: "text/event-stream" },
    signal: ac.signal,
  });
  if (res.status === 200) {
    // Wait for the first message: the stream is open and served.
    const reader = res.body?.getReader();
    await reader?.read();
  }
  return res.status;
}

describe("live views of one identity", () => {
  it("leave room for its queries, and are bounded by the stream cap", async () => {
    const tabs = LIMITS.callsPerIdentity + 4;
    const statuses = await Promise.all(Array.from({ length: tabs }, openView));
    expect(statuses).toEqual(Array(tabs).fill(200));
    // With more tabs open than calls allowed at once, a search still answers.
    const search = await fetch(`${server.base}/api/trpc/topology.search?${input({ q: "pod-b" })}`);
    expect(search.status).toBe(200);
    expect(await search.text()).toContain("pod-b");

    // The stream cap still holds: past it, a new view is refused with 429.
    const more = await Promise.all(Array.from({ length: LIMITS.streamsPerIdentity - tabs }, openView));
    expect(more.every((s) => s === 200)).toBe(true);
    expect(await openView()).toBe(429);
  });
});
