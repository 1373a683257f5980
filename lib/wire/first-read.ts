import { z } from "zod";

/**
 * What the server has read of the cluster before its first picture: each kind's List, the items read of it so far
 * (a List says nothing of its length until its end, so no total is guessed), then the store's first build, host by
 * host. At 150,000 pods that is most of a minute the page would otherwise fill with "Reading the cluster…" alone.
 */
export const listReadSchema = z.object({
  /** the API's plural resource name (pods, network-attachment-definitions, …) */
  resource: z.string(),
  /** set when the kind is read namespace by namespace (cluster-wide listing refused) */
  namespace: z.string().optional(),
  /** items of the List read so far (its current attempt's) */
  items: z.number().int().nonnegative(),
  /** reading: the List is still coming; read: it is in; absent: not served by this cluster; refused / failed: why */
  state: z.enum(["reading", "read", "absent", "refused", "failed"]),
});

export const firstReadSchema = z.object({
  /** listing: Lists still coming; building: every List in, the picture being built; done: the picture is there */
  phase: z.enum(["listing", "building", "done"]),
  lists: z.array(listReadSchema),
  /** the hosts (shards) of the first build: built so far of all (phase building) */
  hosts: z.object({ built: z.number().int().nonnegative(), of: z.number().int().nonnegative() }).optional(),
});

export type ListRead = z.infer<typeof listReadSchema>;
export type FirstRead = z.infer<typeof firstReadSchema>;

/**
 * One entry per resource and namespace: a kind watched as several Lists (events, one reason each) is said once, its
 * items added up, still reading while any of its Lists is, else the worst of their states.
 */
export function mergeLists(lists: readonly ListRead[]): ListRead[] {
  const rank: ListRead["state"][] = ["read", "absent", "reading", "refused", "failed"];
  const out = new Map<string, ListRead>();
  for (const l of lists) {
    const key = `${l.resource}\n${l.namespace ?? ""}`;
    const was = out.get(key);
    if (!was) {
      out.set(key, { ...l });
      continue;
    }
    was.items += l.items;
    if (rank.indexOf(l.state) > rank.indexOf(was.state)) was.state = l.state;
  }
  return [...out.values()];
}

const count = (n: number): string => n.toLocaleString("en-US");

/** One List as the page says it: what, how many items so far, and where it is ("pods", "82,314", "reading…"). */
export function listCells(l: ListRead): { what: string; items: string; state: string } {
  const what = l.namespace ? `${l.resource} in ${l.namespace}` : l.resource;
  const items = l.state === "absent" ? "—" : count(l.items);
  const state = {
    reading: "reading…",
    read: "✓ read",
    absent: "not served by this cluster",
    refused: "refused: see the banner once drawn",
    failed: "failed, retrying",
  }[l.state];
  return { what, items, state };
}

/** The same as one line of text: "pods: 82,314 read so far", "nodes: 2,000 ✓". */
export function listLine(l: ListRead): string {
  const { what, items, state } = listCells(l);
  if (l.state === "reading") return `${what}: ${items} read so far`;
  if (l.state === "read") return `${what}: ${items} ✓`;
  return `${what}: ${state}`;
}

/** The headline for where the first read is. */
export function firstReadHeadline(r: FirstRead): string {
  if (r.phase === "listing") {
    const left = r.lists.filter((l) => l.state === "reading").length;
    return `Reading the cluster: ${left} of ${r.lists.length} lists still coming…`;
  }
  if (r.phase === "building" && r.hosts && r.hosts.built < r.hosts.of)
    return `Every list read. Checking the wiring: ${count(r.hosts.built)} of ${count(r.hosts.of)} hosts…`;
  if (r.phase === "building" && r.hosts) return "Every list read and every host checked. Checking across hosts…";
  if (r.phase === "building") return "Every list read. Checking the wiring…";
  return r.lists.length > 0 ? "Every list read. Drawing the picture…" : "Drawing the picture…";
}
