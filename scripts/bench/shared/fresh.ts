import type { Topology } from "@/lib/contract/schema";
import { snapshotFromObjects } from "@/lib/k8s/snapshot";
import { isObject } from "@/lib/result";
import { buildTopology } from "@/lib/topology/build";
import { resourcePath, WATCHED } from "@/server/sources/live/resources";
import { kubeRequest } from "../../../testing/testbed/cluster";

export interface Cluster {
  server: string;
  caData: string;
  adminToken: string;
}

/** What an identity may see, listed afresh with its own token and built as a file is (the reference). */
export interface Fresh {
  /** every element id of the fresh build */
  ids: Set<string>;
  /** the toolbar's lists as the fresh build has them: namespaces of pods and networks, networks, hosts */
  catalog: { namespaces: string[]; networks: string[]; hosts: string[] };
  /** pods listed (namespace/name), straight from the LIST answers */
  listedPods: Set<string>;
  /** networks (NADs) listed, namespace/name */
  listedNads: Set<string>;
  /** nodes listed */
  listedNodes: Set<string>;
}

const nameOf = (o: unknown): string => {
  const m = isObject(o) && isObject(o.metadata) ? o.metadata : {};
  return typeof m.namespace === "string" ? `${m.namespace}/${String(m.name)}` : String(m.name);
};

/**
 * Each watched kind listed with the identity's own token: cluster-wide, else in each fallback namespace, as the live
 * source reads it (the same field and label selectors).
 */
export async function freshList(cluster: Cluster, fallback: string[], token: string): Promise<Fresh> {
  const lists: unknown[] = [];
  const listed: Record<string, Set<string>> = {
    Pod: new Set(),
    NetworkAttachmentDefinition: new Set(),
    Node: new Set(),
  };
  const get = async (p: string, r: (typeof WATCHED)[number]) => {
    const q = [
      r.fieldSelector && `fieldSelector=${encodeURIComponent(r.fieldSelector)}`,
      r.labelSelector && `labelSelector=${encodeURIComponent(r.labelSelector)}`,
    ]
      .filter(Boolean)
      .join("&");
    const res = await kubeRequest(cluster, "GET", q ? `${p}?${q}` : p, { token, timeoutMs: 600_000 });
    if (res.status !== 200) return res.status;
    const body = isObject(res.body) ? res.body : {};
    lists.push({ ...body, apiVersion: r.apiVersion, kind: `${r.kind}List` });
    for (const item of Array.isArray(body.items) ? body.items : []) listed[r.kind]?.add(nameOf(item));
    return res.status;
  };
  for (const r of WATCHED) {
    const status = await get(resourcePath(r), r);
    if (status === 403 && r.namespaced) for (const ns of fallback) await get(resourcePath(r, ns), r);
  }
  const built = buildTopology(snapshotFromObjects(lists, "fresh list"));
  return {
    ids: new Set(built.elements.map((e) => e.id)),
    catalog: catalogOfTopology(built),
    listedPods: listed.Pod ?? new Set(),
    listedNads: listed.NetworkAttachmentDefinition ?? new Set(),
    listedNodes: listed.Node ?? new Set(),
  };
}

/** The toolbar's lists as a whole topology has them (what the server's catalog must equal). */
export function catalogOfTopology(t: Pick<Topology, "elements">): Fresh["catalog"] {
  const namespaces = new Set<string>();
  const networks: string[] = [];
  const hosts: string[] = [];
  for (const e of t.elements) {
    if (e.kind === "pod" || e.kind === "network") namespaces.add(e.namespace);
    if (e.kind === "network") networks.push(`${e.namespace}/${e.name}`);
    if (e.kind === "host") hosts.push(e.name);
  }
  return { namespaces: [...namespaces].sort(), networks: networks.sort(), hosts: hosts.sort() };
}

/** The first few members of a set missing from another, for a message. */
function missingFrom(a: Iterable<string>, b: Set<string>): { n: number; some: string[] } {
  const out = [...a].filter((x) => !b.has(x));
  return { n: out.length, some: out.slice(0, 3) };
}

/** What differs between a set shown and a set the identity may list, in words; "" when equal. */
export function differs(what: string, shown: Iterable<string>, fresh: Iterable<string>): string {
  const s = new Set(shown);
  const f = new Set(fresh);
  const extra = missingFrom(s, f);
  const missing = missingFrom(f, s);
  if (extra.n === 0 && missing.n === 0) return "";
  return `${what}: ${extra.n} shown not listed (${extra.some.join(", ")}), ${missing.n} listed not shown (${missing.some.join(", ")})`;
}

/**
 * A whole topology the server answered for an identity against the identity's fresh list: the pods, networks and
 * hosts by name against the fresh build's, each object listed shown, then every element id.
 */
export function compareTopology(shown: Pick<Topology, "elements">, fresh: Fresh): string[] {
  const mine = catalogOfTopology(shown);
  const pods = shown.elements.filter((e) => e.kind === "pod").map((e) => `${e.namespace}/${e.name}`);
  // pod/<ns>/<name> (its interfaces are pod/<ns>/<name>/if/<name>)
  const freshPods = [...fresh.ids]
    .filter((id) => id.startsWith("pod/") && id.split("/").length === 3)
    .map((id) => id.slice(4));
  return [
    differs("pods", pods, freshPods),
    differs("networks", mine.networks, fresh.catalog.networks),
    differs("hosts", mine.hosts, fresh.catalog.hosts),
    differs("namespaces", mine.namespaces, fresh.catalog.namespaces),
    unshown("listed pods", fresh.listedPods, pods),
    unshown("listed NADs", fresh.listedNads, mine.networks),
    unshown("listed nodes", fresh.listedNodes, mine.hosts),
    differs(
      "elements",
      shown.elements.map((e) => e.id),
      fresh.ids,
    ),
  ].filter(Boolean);
}

/** Objects the identity listed that the answer does not show, in words; "" when none. */
function unshown(what: string, listed: Set<string>, shown: Iterable<string>): string {
  const lost = missingFrom(listed, new Set(shown));
  return lost.n === 0 ? "" : `${what}: ${lost.n} not shown (${lost.some.join(", ")})`;
}
