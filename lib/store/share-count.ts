import { compareCodePoints } from "../compare";
import type { HostElement, TopologyElement, TopologyLink } from "../contract/schema";
import { CELL } from "./overview";
import type { ViewShare } from "./view-share";

/** Where an element lies for the overview: its host and the networks it belongs to (clusterOverview's index). */
export interface Place {
  host: string | undefined;
  nets: string[];
  key: string;
}

/** One shard's share counted as clusterOverview counts it, findings aside (its pods lie in that shard alone). */
export interface Part {
  hosts: HostElement[];
  pods: number;
  hostPods: Map<string, number>;
  hostInterfaces: Map<string, number>;
  netPods: Map<string, number>;
  cellPods: Map<string, number>;
  /** the networks its non-default interfaces name (ServedView.networksInUse), with how many */
  inUse: Map<string, number>;
  places: Map<string, Place>;
  /** a network or attachment link with an end in another shard: then the counts are not the shard's alone */
  crosses: boolean;
}

export const bump = (m: Map<string, number>, k: string, by: number): void => {
  const n = (m.get(k) ?? 0) + by;
  if (n === 0) m.delete(k);
  else m.set(k, n);
};

const linkKinds = new Set(["network", "attachment"]);

/** Up the parent chain (host → pod → interface, or host → point) to the host, as clusterOverview finds it. */
function hostOf(e: TopologyElement | undefined, get: (id: string) => TopologyElement | undefined): string | undefined {
  let current = e;
  for (let depth = 0; current && depth < 3; depth += 1) {
    if (current.kind === "host") return current.id;
    current = current.parent ? get(current.parent) : undefined;
  }
  return undefined;
}

/** One share counted as clusterOverview's index counts it (its links kept when both ends are in the view). */
export function countShare(share: ViewShare, view: ReadonlyMap<string, TopologyElement>): Part {
  const own = new Map(share.elements.map((e) => [e.id, e]));
  const get = (id: string) => own.get(id) ?? view.get(id);
  const away = (id: string) => !own.has(id) && !id.startsWith("network/");
  const links = share.links
    .filter((l) => linkKinds.has(l.kind) && view.has(l.source) && view.has(l.target))
    .sort((x: TopologyLink, y: TopologyLink) => compareCodePoints(x.id, y.id));
  const crosses = links.some((l) => away(l.source) || away(l.target));
  const nets = new Map<string, Set<string>>();
  const addNet = (id: string, net: string) => {
    const s = nets.get(id) ?? new Set<string>();
    s.add(net);
    nets.set(id, s);
  };
  const networkOf = new Map<string, string>();
  for (const l of links)
    if (l.kind === "network" && get(l.target)?.kind === "network") {
      networkOf.set(l.source, l.target);
      addNet(l.source, l.target);
    }
  for (const l of links) {
    const n = networkOf.get(l.source);
    if (l.kind === "attachment" && n) addNet(l.target, n);
  }
  const part: Part = {
    hosts: [],
    pods: 0,
    hostPods: new Map(),
    hostInterfaces: new Map(),
    netPods: new Map(),
    cellPods: new Map(),
    inUse: new Map(),
    places: new Map(),
    crosses,
  };
  const netSets = new Map<string, Set<string>>();
  const cellSets = new Map<string, Set<string>>();
  const addTo = (m: Map<string, Set<string>>, k: string, v: string) => m.set(k, (m.get(k) ?? new Set()).add(v));
  for (const e of share.elements) {
    const host = hostOf(e, get);
    const n = [...(nets.get(e.id) ?? [])].sort();
    if (host || n.length > 0) part.places.set(e.id, { host, nets: n, key: `${host ?? ""}${CELL}${n.join(CELL)}` });
    if (e.kind === "host") part.hosts.push(e);
    if (e.kind === "pod") {
      part.pods++;
      if (host) bump(part.hostPods, host, 1);
    }
    if (e.kind !== "interface" || e.isDefault) continue;
    bump(part.inUse, e.network, 1);
    if (!e.parent) continue;
    if (host) bump(part.hostInterfaces, host, 1);
    const network = networkOf.get(e.id);
    if (!network) continue;
    addTo(netSets, network, e.parent);
    if (host) addTo(cellSets, `${host}${CELL}${network}`, e.parent);
  }
  for (const [k, s] of netSets) part.netPods.set(k, s.size);
  for (const [k, s] of cellSets) part.cellPods.set(k, s.size);
  return part;
}
