import type { GraphNode } from "../graph/model";
import type { ClusterOverview } from "./schema";

const CARD = { width: 280, base: 78, perNetwork: 18, maxNetworks: 8 };

/**
 * The cluster view's host cards drawn from the server's overview (the browser holds no pods at that scale): pods
 * per network from the cells, problems as errors and warnings. Attachment points are not in the overview (-1).
 */
export function hostCardsOf(o: ClusterOverview): GraphNode[] {
  const networkName = new Map(o.networks.map((n) => [n.id, `${n.namespace}/${n.name}`]));
  const cellsOf = new Map<string, { network: string; pods: number }[]>();
  for (const c of o.cells) {
    if (c.pods === 0) continue;
    const list = cellsOf.get(c.host) ?? [];
    list.push({ network: networkName.get(c.network) ?? c.network, pods: c.pods });
    cellsOf.set(c.host, list);
  }
  return o.hosts.map((h) => {
    const networks = (cellsOf.get(h.id) ?? []).sort((a, b) => b.pods - a.pods || a.network.localeCompare(b.network));
    const shown = Math.min(networks.length, CARD.maxNetworks);
    return {
      id: h.id,
      kind: "host",
      parent: null,
      isGroup: false,
      width: CARD.width,
      height: CARD.base + shown * CARD.perNetwork + (networks.length > shown ? CARD.perNetwork : 0),
      summary: { pods: h.pods, networks, points: -1, problems: h.problems.error + h.problems.warning },
    };
  });
}
