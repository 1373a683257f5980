import { describe, expect, it } from "vitest";
import { SourceRegistry } from "../sources/registry";
import { appRouter } from "./root";
import { createInnerContext } from "./trpc";

/** The demo source through the real router: every call must give its source lease back, however it ends. */
function demo() {
  const sources = new SourceRegistry({ PLUMBLINE_SOURCE: "demo" });
  const caller = (signal?: AbortSignal) => appRouter.createCaller(createInnerContext({ sources }), { signal });
  return { sources, caller };
}

const first = async (stream: AsyncIterable<unknown>) => {
  for await (const value of stream) return value;
  throw new Error("the stream ended before its first message");
};

describe("sourceProcedure leases the caller's source for exactly as long as the call", () => {
  it("a query holds none once it has answered, or once it has failed", async () => {
    const { sources, caller } = demo();
    const answer = await caller().topology.get({});
    expect(answer.topology.elements.length).toBeGreaterThan(0);
    expect(sources.leases()).toBe(0);
    await expect(caller().networks.get({ namespace: "multus-test", name: "no-such-net" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(sources.leases()).toBe(0);
  });

  it("a mutation gives its lease back after it answers", async () => {
    const { sources, caller } = demo();
    const outcome = await caller().networks.remove({ namespace: "multus-test", name: "no-such-net", target: "nad" });
    expect(outcome).toMatchObject({ ok: false, status: 404 });
    expect(sources.leases()).toBe(0);
  });

  it("a subscription holds its lease while it streams and gives it back when the client returns", async () => {
    const { sources, caller } = demo();
    const stream = await caller().topology.watch({});
    const iterator = stream[Symbol.asyncIterator]();
    const message = await iterator.next();
    expect(message.done).toBe(false);
    expect(sources.leases()).toBe(1);
    await iterator.return?.();
    expect(sources.leases()).toBe(0);
  });

  it("a subscription gives its lease back when the client aborts, even before reading anything", async () => {
    const { sources, caller } = demo();
    const ac = new AbortController();
    await caller(ac.signal).topology.view({ view: {} });
    expect(sources.leases()).toBe(1);
    ac.abort();
    expect(sources.leases()).toBe(0);
  });

  it("a subscription that is reading ends when the client aborts, and holds nothing afterwards", async () => {
    const { sources, caller } = demo();
    const ac = new AbortController();
    const iterator = (await caller(ac.signal).topology.watch({}))[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    const waiting = iterator.next();
    ac.abort();
    expect((await waiting).done).toBe(true);
    expect(sources.leases()).toBe(0);
  });

  it("breaking out of a stream (for await … break) gives the lease back", async () => {
    const { sources, caller } = demo();
    const stream = await caller().topology.view({ view: {} });
    expect(await first(stream)).toBeDefined();
    expect(sources.leases()).toBe(0);
  });
});
