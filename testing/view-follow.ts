import { expect } from "vitest";
import type { KubeObject } from "@/lib/k8s/objects";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { NETWORK_STATUS_ANNOTATION } from "@/lib/pod/annotations";
import { readViewMessage } from "@/lib/wire/read-message";
import { type ViewQuery, viewMessageSchema } from "@/lib/wire/view-protocol";
import { applyDelta, fromSnapshot, type ViewState } from "@/lib/wire/view-state";
import { StaticSource } from "@/server/sources/static-source";
import { feedOf, type TopologyFeed } from "@/server/topology-feed";
import { joinChannel } from "@/server/view-channel";
import { type SyntheticOptions, syntheticCluster } from "./fixtures/synthetic-cluster";

/** A subscriber: what it holds after the messages since its revision, as the browser applies them. */
export function follow(state: ViewState | null, texts: { text: string }[]): ViewState | null {
  let s = state;
  for (const { text } of texts) {
    // Every message the server sends is a ViewMessage by the schema, and what the browser's one reader returns.
    const m = readViewMessage(text);
    expect(m).toEqual(viewMessageSchema.parse(JSON.parse(text)));
    if (!m) throw new Error("unreadable message");
    s = m.type === "snapshot" ? fromSnapshot(m) : s && applyDelta(s, m);
  }
  return s;
}

/** The pod with its first secondary interface's address changed. */
export const withIp = (pod: KubeObject, ip: string): KubeObject => {
  const ann = { ...pod.metadata.annotations };
  const status = JSON.parse(ann[NETWORK_STATUS_ANNOTATION] ?? "[]") as { ips: string[] }[];
  if (status[1]) status[1].ips = [ip];
  ann[NETWORK_STATUS_ANNOTATION] = JSON.stringify(status);
  return { ...pod, metadata: { ...pod.metadata, annotations: ann, resourceVersion: ip } };
};

/** A subscriber of one view's channel: the query, the channel, and what it holds after its first message. */
export function subscribe(feed: TopologyFeed, q: ViewQuery) {
  const { channel } = joinChannel(feed, q);
  return { q, channel, state: follow(null, channel.since(null)) };
}

/** The subscriber caught up with what its channel sent since; what it holds now. */
export function catchUp(sub: ReturnType<typeof subscribe>): ViewState {
  sub.state = follow(sub.state, sub.channel.since(sub.state?.revision ?? null));
  if (!sub.state) throw new Error("lost the view");
  return sub.state;
}

/** Five changes of a generated cluster: two pods' addresses, a pod moved to node-003, a pod removed, and `fifth`. */
export function fiveChanges(source: StaticSource, fifth: () => void): (() => void)[] {
  const pods = source.snapshot().pods;
  return [
    () => source.put(withIp(pods[4] as KubeObject, "172.16.1.99")),
    () => source.put({ ...(pods[7] as KubeObject), spec: { nodeName: "node-003" } }),
    () => source.remove(pods[9] as KubeObject),
    fifth,
    () => source.put(withIp(pods[40] as KubeObject, "172.16.1.98")),
  ];
}

/** A generated cluster served from memory, its feed built: what a view's channel reads. */
export async function generatedFeed(opts: SyntheticOptions) {
  const source = new StaticSource(
    { kind: "demo", label: "test", writes: "memory" },
    snapshotFromObjects(syntheticCluster(opts)),
  );
  const feed = feedOf(source);
  await feed.current();
  return { source, feed };
}

/** The cluster view's first message for a generated cluster: its text's length, and the message as JSON. */
export async function firstClusterMessage(opts: SyntheticOptions) {
  const { feed } = await generatedFeed(opts);
  const { channel, leave } = joinChannel(feed, {});
  const text = channel.since(null)[0]?.text ?? "";
  leave();
  const m = JSON.parse(text) as Record<string, unknown>;
  return { length: text.length, m, size: (k: string) => JSON.stringify(m[k]).length };
}
