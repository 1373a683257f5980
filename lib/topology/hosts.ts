import { hostId, pointId } from "../contract/ids";
import {
  type BridgeElement,
  type HostDeviceElement,
  type HostSideElement,
  type ParentElement,
  parentElementSchema,
  type TopologyElement,
} from "../contract/schema";
import { isDnsSubdomain } from "../k8s/names";
import type { KubeObject } from "../k8s/objects";
import { parseBridgeMappings } from "../nns/bridge-mappings";
import { isUplinkPort, parseNnsInterfaces } from "../nns/interfaces";
import { isProbeStandIn, PROBED_AT, PROBED_BY } from "../node-links/to-nns";
import { isObject, str, stringsAt } from "../result";
import type { BuildContext, HostSideKind } from "./context";

export function addHosts(ctx: BuildContext, nodes: readonly KubeObject[], states: readonly KubeObject[]): void {
  for (const node of nodes) {
    const status = isObject(node.status) ? node.status : {};
    const internal = Array.isArray(status.addresses)
      ? status.addresses.filter((a) => isObject(a) && a.type === "InternalIP")
      : [];
    const addresses = stringsAt(internal, "address");
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
    if (isObject(nns.status)) ctx.bridgeMappings.set(name, parseBridgeMappings(nns.status.currentState));
    host.linksObserved = true;
    host.interfaces = parsed.value.map(({ ports: _p, baseIface: _b, vlanId: _v, peer: _e, ...nic }) => nic);
    // The server stands a probe's result in for a missing or stale NodeNetworkState, marked as such (to-nns.ts).
    const probedBy = isProbeStandIn(nns) ? nns.metadata.annotations?.[PROBED_BY] : undefined;
    host.linksSource = probedBy === undefined ? "nns" : "probe";
    if (probedBy !== undefined) host.probedBy = probedBy;
    const reportedAt =
      probedBy !== undefined
        ? nns.metadata.annotations?.[PROBED_AT]
        : isObject(nns.status)
          ? str(nns.status.lastSuccessfulUpdateTime)
          : undefined;
    if (reportedAt) host.reportedAt = reportedAt;
    if (probedBy !== undefined)
      ctx.finding(
        "info",
        "node-links-probed",
        `${name}: its links were probed at ${reportedAt ?? "an unknown time"} by ${probedBy} (no fresh NodeNetworkState reports them); they stay until the node changes, it is inspected again or they are forgotten (Forget probed links)`,
        [host.id],
      );
    // Every bridge on the host is drawn, used by a network or not: that is what `ip link show type bridge` shows.
    for (const iface of parsed.value) {
      if (iface.type === "linux-bridge") ensurePoint(ctx, name, "bridge", iface.name);
    }
  }
}

const HOST_SIDE_KINDS = new Set<string>(["bridge", "host-device", ...parentElementSchema.shape.kind.options]);
const isHostSide = (e: TopologyElement): e is HostSideElement => HOST_SIDE_KINDS.has(e.kind);

/** The host-side attachment point a pod interface hangs off; created on first use. */
export function ensurePoint(
  ctx: BuildContext,
  node: string,
  kind: HostSideKind,
  device: string,
  /** what the plugin knows of the point: its L2 segment (an OVN layer2 switch spans hosts; "" is none), an OVS bridge */
  known: { segment?: string; ovs?: true } = {},
): HostSideElement {
  const id = pointId(node, kind, device);
  const existing = ctx.get(id);
  if (existing && isHostSide(existing) && existing.kind === kind) return existing;
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
      // A port the report does not list is given the benefit of the doubt (an excerpt, an NNCP's desiredState, names
      // only the bridge, yet the NIC it enslaves is the uplink it was made for), unless it is a pod's veth.
      const uplinks = ports.filter((p) => {
        const port = ctx.nnsInterface(node, p);
        return port === undefined ? !p.startsWith("veth") : isUplinkPort(port, (n) => ctx.nnsInterface(node, n));
      });
      // Nothing observes this host's ports (no NodeNetworkState, no probe): whether the bridge has an uplink is unknown.
      const uplinksKnown = ctx.nns.has(node);
      // A bridge without an uplink reaches nothing beyond its host: each host's copy is its own island.
      const segment = uplinks.length > 0 ? `bridge:${device}` : id;
      const ovs = seen?.type === "ovs-bridge" || known.ovs === true;
      const localnets = [...(ctx.bridgeMappings.get(node) ?? [])].filter(([, b]) => b === device).map(([l]) => l);
      return ctx.add<BridgeElement>({
        ...base,
        kind,
        ports,
        uplinks,
        uplinksKnown,
        segment,
        ...(ovs ? { ovs } : {}),
        ...(localnets.length ? { localnets } : {}),
      });
    }
    case "host-device":
      return ctx.add<HostDeviceElement>({
        ...base,
        kind,
        segment: `nic:${device}`,
        movedTo: null,
        presentOnHost: ctx.nns.has(node) ? seen !== undefined : null,
      });
    case "macvlan-parent":
    case "ipvlan-parent":
    case "vlan-parent":
    case "sriov-pf":
      return ctx.add<ParentElement>({
        ...base,
        kind,
        segment: kind === "sriov-pf" ? `sriov:${device}` : `nic:${device}`,
        vlans: [],
      });
    case "ovn-switch":
      // A logical switch is OVN's, not the node's: nothing on the node reports it, so it is always inferred.
      return ctx.add<ParentElement>({ ...base, provenance: "inferred", kind, segment: known.segment || id, vlans: [] });
  }
}

/** Why NodeNetworkState says nothing about a host, as far as the snapshot can tell. */
export interface NnsAvailability {
  /** the cluster does not serve the NodeNetworkState API */
  absent: boolean;
  /** the source could not read NodeNetworkStates completely */
  incomplete: boolean;
  /** how many NodeNetworkState objects the snapshot holds */
  count: number;
}

/** One info finding per host whose links are guesses, saying why: the admin otherwise sees only a dashed outline. */
export function explainInferredHosts(ctx: BuildContext, nns: NnsAvailability, named: ReadonlySet<string>): void {
  for (const el of ctx.elements.values()) {
    // A NodeNetworkState that does not parse has its own finding (nns-invalid).
    if (el.kind !== "host" || el.linksObserved || named.has(el.name)) continue;
    const why = nns.absent
      ? "kubernetes-nmstate is not installed (the cluster has no NodeNetworkState API)"
      : nns.incomplete
        ? "NodeNetworkStates could not all be read (see the source's own finding)"
        : nns.count === 0
          ? "there is no NodeNetworkState at all: kubernetes-nmstate is not installed, or the dump left them out"
          : `this node has no NodeNetworkState yet: the nmstate handler has not reported from ${el.name} (not scheduled there, or still starting)`;
    ctx.finding(
      "info",
      "node-links-inferred",
      `${el.name}: its bridges and NICs are inferred from NADs and pods, not observed, because ${why}; "Inspect node links" on the host observes them`,
      [el.id],
    );
  }
}

/**
 * A bridge is an island only if it is known to have no uplink and a network uses it; one NodeNetworkState merely
 * reports (cni0, virbr0) is not, and one on a host whose ports nothing observes is not known to be.
 */
export function markIslands(ctx: BuildContext, usedBridges: ReadonlySet<string>): void {
  const attached = new Set([...ctx.links.values()].filter((l) => l.kind === "attachment").map((l) => l.target));
  for (const el of ctx.elements.values()) {
    if (el.kind !== "bridge") continue;
    el.island = el.uplinksKnown && el.uplinks.length === 0 && (usedBridges.has(el.device) || attached.has(el.id));
  }
}

/** The pod's host; a node name Kubernetes would refuse could fake another element's id, so then none, and a finding. */
export function nodeOf(ctx: BuildContext, nodeName: string | undefined, pod: string, id: string): string | null {
  if (!nodeName) return null;
  if (isDnsSubdomain(nodeName)) {
    ctx.host(nodeName);
    return nodeName;
  }
  ctx.finding(
    "warning",
    "object-invalid",
    `Pod ${pod}: spec.nodeName ${JSON.stringify(nodeName.slice(0, 80))} is not a valid node name; drawn without a host`,
    [id],
  );
  return null;
}
