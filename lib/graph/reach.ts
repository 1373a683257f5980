import { refOf } from "../contract/ids";
import type { NetworkElement, Topology } from "../contract/schema";
import { pluginOf } from "../plugins/registry";

/**
 * What an admin otherwise learns by pinging: can pods of this network on different hosts reach each other?
 * Read off the attachment points its interfaces hang off. A list of hosts names `listed` of them, then "and N more".
 */
export function networkReach(net: NetworkElement, t: Topology, listed?: number): string | null {
  const key = refOf(net);
  const ifaces = new Set(t.elements.filter((e) => e.kind === "interface" && e.network === key).map((e) => e.id));
  const points = new Set(t.links.filter((l) => l.kind === "attachment" && ifaces.has(l.source)).map((l) => l.target));
  const els = t.elements.filter((e) => points.has(e.id));
  const plugin = net.cniType === null ? undefined : pluginOf(net.cniType);
  return plugin ? plugin.reach(net, els, listed) : null;
}
