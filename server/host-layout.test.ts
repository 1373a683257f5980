import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { viewCriteria } from "@/lib/graph/explorer-state";
import { layoutGraph } from "@/lib/graph/layout";
import { inputKey } from "@/lib/graph/layout-key";
import { topologyColours } from "@/lib/graph/palette";
import { graphOf } from "@/lib/graph/view-graph";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { shownTopology } from "@/lib/match/filter";
import { readViewMessage } from "@/lib/wire/read-message";
import type { ViewQuery } from "@/lib/wire/view-protocol";
import { fromSnapshot, topologyOf } from "@/lib/wire/view-state";
import { syntheticCluster } from "@/testing/fixtures/synthetic-cluster";
import { hostLayout } from "./host-layout";
import { StaticSource } from "./sources/static-source";
import { feedOf } from "./topology-feed";
import { joinChannel } from "./view-channel";

/** The first message a subscription to this view gets, as the page reads it. */
async function firstMessage(query: ViewQuery): Promise<string> {
  // 40 pods a host, as at 20,000 pods on 500 nodes: the host's pods fold (the boxes the page lays out at scale).
  const snap = snapshotFromObjects(syntheticCluster({ nodes: 6, pods: 240, nads: 12, seed: 11 }));
  const feed = feedOf(new StaticSource({ kind: "demo", label: "test", writes: "memory" }, snap));
  await feed.current();
  const { channel, leave } = joinChannel(feed, query);
  const text = channel.since(null)[0]?.text ?? "";
  leave();
  return text;
}

/**
 * What the page draws for a host: the message read, the view's topology narrowed by its criteria, the graph of it
 * (components/explorer/use-view-model.ts), laid out by its worker's own ELK (components/graph/layout.worker.ts).
 */
async function pageLayout(text: string, host: string, filters: { namespace?: string }, showDefault: boolean) {
  const message = readViewMessage(text);
  if (message?.type !== "snapshot") throw new Error("not a snapshot");
  const shown = shownTopology(topologyOf(fromSnapshot(message)), viewCriteria({ kind: "host", host }, filters), false);
  const model = graphOf(shown, "host", showDefault, new Set(), topologyColours(shown));
  return { key: inputKey(model), positions: await layoutGraph(model, new ELK()), model };
}

/** Turns of the server's thread (a timer each) taken until `done` settles. */
async function turnsUntil(done: Promise<unknown>): Promise<number> {
  let settled = false;
  void done.finally(() => {
    settled = true;
  });
  let turns = 0;
  while (!settled) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    turns++;
  }
  return turns;
}

describe("a host's view laid out on the server", () => {
  // First in the file: ELK's worker starts cold here, as on a server's first host.
  it("leaves the server's thread free while ELK lays the host out (ELK runs on a thread of its own)", async () => {
    const query = { host: "node-003" };
    const text = await firstMessage(query);
    const laid = hostLayout(text, query, true);
    // On ELK run inline (session 8) the thread was held for the whole layout: a few turns before ELK started and
    // after it ended, none between (seconds cold). Here the thread turns all the while ELK works on its own.
    expect(await turnsUntil(laid)).toBeGreaterThanOrEqual(20); // 2 on session 8's code, ~700 here (load 10)
    expect((await laid)?.positions.length).toBeGreaterThan(10);
  });

  it("is the page's layout of the same view: same input key, every box at the same place", async () => {
    for (const [query, filters] of [
      [{ host: "node-002" }, {}],
      [{ host: "node-004", namespace: "team-1" }, { namespace: "team-1" }],
    ] as const) {
      const text = await firstMessage(query);
      for (const showDefault of [false, true]) {
        const page = await pageLayout(text, query.host, filters, showDefault);
        const server = await hostLayout(text, query, showDefault);
        expect(server?.key).toBe(page.key);
        expect(new Map(server?.positions)).toEqual(page.positions);
        // a real host's picture: folds and the points they hang off, every box placed
        expect(page.model.nodes.some((n) => n.kind === "fold")).toBe(true);
        expect(page.positions.size).toBe(page.model.nodes.length);
      }
    }
  });

  it("is made once for one input: asked again, the kept layout answers", async () => {
    const text = await firstMessage({ host: "node-001" });
    const a = await hostLayout(text, { host: "node-001" }, false);
    expect(a?.positions.length).toBeGreaterThan(0);
    expect(await hostLayout(text, { host: "node-001" }, false)).toBe(a);
  });

  it("is nothing for a view that is not one host's elements", async () => {
    const cluster = await firstMessage({});
    expect(await hostLayout(cluster, {}, false)).toBeNull();
    const network = await firstMessage({ network: "team-1/net-1" });
    expect(await hostLayout(network, { network: "team-1/net-1" }, false)).toBeNull();
    expect(await hostLayout("not json", { host: "node-001" }, false)).toBeNull();
  });
});
