import { networkIdOfRef, podRefOf } from "../contract/ids";
import type { HostSideElement, InterfaceElement, NetworkElement } from "../contract/schema";
import { LISTED_NAMES, namesWithMore } from "../names-list";
import type { BuildContext } from "./context";

interface Attachment {
  iface: InterfaceElement;
  point: HostSideElement;
  net: NetworkElement | undefined;
}

function attachments(ctx: BuildContext): Attachment[] {
  const out: Attachment[] = [];
  for (const link of ctx.links.values()) {
    if (link.kind !== "attachment") continue;
    const iface = ctx.get(link.source);
    const point = ctx.get(link.target);
    if (iface?.kind !== "interface" || !iface.attached || !point || !("segment" in point)) continue;
    const net = ctx.get(networkIdOfRef(iface.network));
    out.push({ iface, point, net: net?.kind === "network" ? net : undefined });
  }
  return out;
}

/** A parent reported down with pods on it; a network MTU above its parent's. Both need NodeNetworkState. */
export function checkParents(ctx: BuildContext): void {
  const down = new Map<string, Attachment[]>();
  const mtu = new Map<string, Attachment>();
  for (const a of attachments(ctx)) {
    if (a.point.kind === "host-device") continue; // moved into the pod: the host no longer has it
    if (a.point.state?.toLowerCase() === "down") down.set(a.point.id, [...(down.get(a.point.id) ?? []), a]);
    if (a.net?.mtu !== undefined && a.point.mtu !== undefined && a.net.mtu > a.point.mtu)
      mtu.set(`${a.net.id}|${a.point.id}`, a);
  }
  for (const list of down.values()) {
    const p = list[0]?.point;
    if (!p) continue;
    const pods = list.map((a) => podRefOf(a.iface.parent ?? "")).join(", ");
    ctx.finding("warning", "master-down", `${p.device} on ${p.host} is down; attached: ${pods}`, [
      p.id,
      ...list.map((a) => a.iface.id),
    ]);
  }
  for (const a of mtu.values()) {
    if (!a.net) continue;
    ctx.finding(
      "warning",
      "mtu-exceeds-parent",
      `${a.net.namespace}/${a.net.name} asks for MTU ${a.net.mtu}, but ${a.point.device} on ${a.point.host} has ${a.point.mtu}`,
      [a.net.id, a.point.id],
    );
  }
}

/** A bridge network without uplinks whose pods sit on several hosts: each host's bridge is its own island. */
export function checkBridgeIslands(ctx: BuildContext): void {
  const hostsByNet = new Map<string, { net: NetworkElement; points: Map<string, HostSideElement> }>();
  for (const a of attachments(ctx)) {
    if (a.net?.mainType !== "bridge" || a.point.kind !== "bridge") continue;
    // Only where the host's ports are observed and show no uplink; unknown is not an island.
    if (!a.point.uplinksKnown || a.point.uplinks.length > 0) continue;
    const entry = hostsByNet.get(a.net.id) ?? { net: a.net, points: new Map() };
    entry.points.set(a.point.host, a.point);
    hostsByNet.set(a.net.id, entry);
  }
  for (const { net, points } of hostsByNet.values()) {
    if (points.size < 2) continue;
    const hosts = [...points.keys()].sort();
    // every island host is a subject of the finding; the message names a few (2,000 names are no sentence)
    const named = hosts.length <= LISTED_NAMES ? hosts.join(" and ") : namesWithMore(hosts);
    ctx.finding(
      "warning",
      "bridge-island-split",
      `${net.namespace}/${net.name} has pods on ${named}, but ${net.bridge ?? "its bridge"} has no uplink there: they cannot reach each other`,
      [net.id, ...[...points.values()].map((p) => p.id)],
    );
  }
}
