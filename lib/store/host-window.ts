import { DEFAULT_ROWS, type RowWindow } from "../overview/rows";
import type { HostWindow } from "../wire/view-protocol";
import type { TopologyStore } from "./store";

/**
 * A namespace or network view sent as its elements (the API's; the page draws such views as the matrix past a
 * screenful) holds the shares of a window of its hosts only: at OpenShift's largest a namespace's pods are megabytes
 * over 2,000 hosts. The window is its hosts by name from `rows.offset`, `rows.limit` of them (the row window's order
 * is the matrix's, not this one's); the message says how many hosts the view has and which it sends.
 */
export interface HostShares {
  /** the hosts (shards) whose shares are sent */
  names: ReadonlySet<string>;
  /** null when every host is sent */
  window: HostWindow | null;
}

export function hostShares(shards: ReadonlySet<string>, rows: RowWindow = DEFAULT_ROWS): HostShares {
  if (rows.offset === 0 && shards.size <= rows.limit) return { names: shards, window: null };
  const names = [...shards].sort().slice(rows.offset, rows.offset + rows.limit);
  return { names: new Set(names), window: { hosts: shards.size, offset: rows.offset, sent: names.length } };
}

/**
 * Whether an element (or a link's end) of the view is sent: one of a drawn shard's only when that shard is in the
 * window; a network or workload, or anything the view no longer holds, always (a removal is then sent as one).
 */
export const sentBy =
  (store: TopologyStore, shards: ReadonlySet<string>, held: HostShares) =>
  (id: string): boolean => {
    if (held.window === null) return true;
    const owner = store.shardOfElement(id);
    return owner === undefined || !shards.has(owner) || held.names.has(owner);
  };

/** Two windows hold the same hosts. */
export const sameHosts = (a: HostShares | null, b: HostShares): boolean =>
  a !== null && a.names.size === b.names.size && [...b.names].every((n) => a.names.has(n));
