import type { Topology } from "@/lib/contract/schema";

/** A host link a form can name (a macvlan master, a host device, a bridge), with the nodes that have it. */
export interface HostLinkOption {
  name: string;
  /** nodes whose NodeNetworkState reports it (or, for bridges without a report, where a network puts it) */
  nodes: string[];
  /** nodes that report their links and lack it */
  missing: string[];
  /** nodes that report their links: the denominator of "on 2 of 2 nodes" */
  total: number;
  /** interface types seen (ethernet, bond, vlan, linux-bridge) */
  types: string[];
  /** it carries an address of its node: taking it (host-device) cuts the node off */
  carriesNodeIp: boolean;
  /** "ens9 — on 2 of 2 nodes" */
  label: string;
  /** "on 2 of 2 nodes" */
  coverage: string;
}

const NIC_TYPES = new Set(["ethernet", "bond", "vlan"]);

function options(
  t: Topology,
  pick: (type: string) => boolean,
  extra: Map<string, Set<string>> = new Map(),
): HostLinkOption[] {
  const hosts = t.elements.flatMap((e) => (e.kind === "host" && e.linksObserved ? [e] : []));
  const byName = new Map<string, { nodes: Set<string>; types: Set<string>; ip: boolean }>();
  for (const h of hosts) {
    for (const nic of h.interfaces) {
      if (!pick(nic.type)) continue;
      const entry = byName.get(nic.name) ?? { nodes: new Set(), types: new Set(), ip: false };
      entry.nodes.add(h.name);
      entry.types.add(nic.type);
      entry.ip ||= nic.ips.length > 0;
      byName.set(nic.name, entry);
    }
  }
  for (const [name, nodes] of extra) {
    const entry = byName.get(name) ?? { nodes: new Set(), types: new Set(["linux-bridge"]), ip: false };
    for (const n of nodes) entry.nodes.add(n);
    byName.set(name, entry);
  }
  const total = hosts.length;
  return [...byName]
    .map(([name, e]) => {
      const nodes = [...e.nodes].sort();
      const coverage = total
        ? `on ${Math.min(nodes.length, total)} of ${total} node${total === 1 ? "" : "s"}`
        : `on ${nodes.length} node${nodes.length === 1 ? "" : "s"}`;
      return {
        name,
        nodes,
        missing: hosts
          .map((h) => h.name)
          .filter((n) => !e.nodes.has(n))
          .sort(),
        total,
        types: [...e.types].sort(),
        carriesNodeIp: e.ip,
        coverage,
        label: `${name} — ${coverage}`,
      };
    })
    .sort((a, b) => b.nodes.length - a.nodes.length || a.name.localeCompare(b.name));
}

/** The NICs NodeNetworkState reports (ethernet, bond, vlan) across the hosts. */
export function hostNics(t: Topology): HostLinkOption[] {
  return options(t, (type) => NIC_TYPES.has(type));
}

/** Linux bridges: reported by NodeNetworkState, or drawn on a host because a bridge network's pods run there. */
export function hostBridges(t: Topology): HostLinkOption[] {
  const drawn = new Map<string, Set<string>>();
  for (const e of t.elements) {
    if (e.kind !== "bridge") continue;
    const set = drawn.get(e.device) ?? new Set<string>();
    set.add(e.host);
    drawn.set(e.device, set);
  }
  return options(t, (type) => type === "linux-bridge", drawn);
}

/** Whether any host reports its links: without NodeNetworkState the pickers cannot say which nodes have a NIC. */
export const linksObserved = (t: Topology | null): boolean =>
  !!t?.elements.some((e) => e.kind === "host" && e.linksObserved);

/** Namespaces as the pickers list them: the user's first, then openshift-*, kube-* and default, each group sorted. */
export function pickerNamespaces(names: readonly string[]): string[] {
  const system = (n: string) => n.startsWith("openshift") || n.startsWith("kube-") || n === "default";
  return [...names].sort((a, b) => Number(system(a)) - Number(system(b)) || a.localeCompare(b));
}
