import type { KubeObject } from "../k8s/objects";
import { NIC_TYPES, parseNnsInterfaces } from "../nns/interfaces";
import { isObject, str } from "../result";
import { type BuildContext, type HostSideKind, hostId, pointId } from "./context";
import type { BridgeElement, HostDeviceElement, HostSideElement, ParentElement } from "./schema";

export function addHosts(ctx: BuildContext, nodes: readonly KubeObject[], states: readonly KubeObject[]): void {
  for (const node of nodes) {
    const status = isObject(node.status) ? node.status : {};
    const addresses = Array.isArray(status.addresses)
      ? status.addresses.flatMap((a) =>
          isObject(a) && a.type === "InternalIP" && str(a.address) ? [a.address as string] : [],
        )
      : [];
    ctx.add({
      id: hostId(node.metadata.name),
      kind: "host",
      name: node.metadata.name,
      parent: null,
      provenance: "observed",
      linksObserved: false,
      addresses,
      interfaces: [],
    });
  }
  for (const nns of states) {
    const name = nns.metadata.name;
    const host = ctx.host(name);
    const parsed = parseNnsInterfaces(nns.status);
    if (!parsed.ok) {
      ctx.finding("warning", "nns-invalid", `NodeNetworkState ${name}: ${parsed.error}; its links are inferred`, [
        host.id,
      ]);
      continue;
    }
    ctx.setNns(name, parsed.value);
    host.linksObserved = true;
    host.interfaces = parsed.value.map(({ ports: _p, baseIface: _b, vlanId: _v, ...nic }) => nic);
    const reportedAt = isObject(nns.status) ? str(nns.status.lastSuccessfulUpdateTime) : undefined;
    if (reportedAt) host.reportedAt = reportedAt;
    // Every bridge on the host is drawn, used by a network or not: that is what `ip link show type bridge` shows.
    for (const iface of parsed.value) {
      if (iface.type === "linux-bridge") ensurePoint(ctx, name, "bridge", iface.name);
    }
  }
}

/** The host-side attachment point a pod interface hangs off; created on first use. */
export function ensurePoint(ctx: BuildContext, node: string, kind: HostSideKind, device: string): HostSideElement {
  const id = pointId(node, kind, device);
  const existing = ctx.get(id);
  if (existing && existing.kind === kind) return existing as HostSideElement;
  const host = ctx.host(node);
  const seen = ctx.nnsInterface(node, device);
  const base = {
    id,
    name: device,
    parent: host.id,
    host: node,
    device,
    provenance: seen ? ("observed" as const) : ("inferred" as const),
    ...(seen?.mac ? { mac: seen.mac } : {}),
    ...(seen?.mtu !== undefined ? { mtu: seen.mtu } : {}),
    ...(seen?.state ? { state: seen.state } : {}),
  };
  switch (kind) {
    case "bridge": {
      const ports = seen?.ports ?? [];
      const uplinks = ports.filter((p) => NIC_TYPES.has(ctx.nnsInterface(node, p)?.type ?? ""));
      // A bridge without an uplink reaches nothing beyond its host: each host's copy is its own island.
      const segment = uplinks.length > 0 ? `bridge:${device}` : id;
      return ctx.add<BridgeElement>({ ...base, kind, ports, uplinks, segment });
    }
    case "host-device":
      return ctx.add<HostDeviceElement>({
        ...base,
        kind,
        segment: `nic:${device}`,
        movedTo: null,
        presentOnHost: ctx.nns.has(node) ? seen !== undefined : null,
      });
    default:
      return ctx.add<ParentElement>({
        ...base,
        kind,
        segment: kind === "sriov-pf" ? `sriov:${device}` : `nic:${device}`,
        vlans: [],
      });
  }
}
