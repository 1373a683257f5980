import type { MainType } from "../contract/schema";
import type { Expectation } from "./schema";

/** What the topology says about a network's host side on one node, in the terms the prediction needs. */
export interface SideFacts {
  node: string;
  /** the bridge, parent NIC, device or PF the network's interfaces hang off there */
  device?: string;
  /** the node's links are observed (NodeNetworkState, or a probe of its links); false: only inferred */
  observed: boolean;
  /** bridge: its physical ports (uplinks), as observed; meaningless when not observed */
  uplinks: readonly string[];
  /** the L2 segment the topology gives the point (`nic:ens9`, `bridge:br-ex`, or the bridge's own id: an island) */
  segment?: string;
  /** the point's operational state when observed, e.g. "up", "down" */
  state?: string;
}

export interface NetFacts {
  /** namespace/name */
  ref: string;
  mainType: MainType | null;
  cniType: string | null;
  /** macvlan: bridge (default), private, vepa, passthru; ipvlan: l2 (default), l3, l3s */
  mode?: string;
  bridge?: string;
  master?: string;
  device?: string;
  /** SR-IOV: the device plugin resource a pod asks for to get a VF */
  resourceName?: string;
}

const yes = (why: string): Expectation => ({ expect: "reachable", why });
const no = (why: string): Expectation => ({ expect: "unreachable", why });
const unknown = (why: string): Expectation => ({ expect: "unknown", why });

/** Two probes on one node. */
function sameHost(net: NetFacts, side: SideFacts): Expectation {
  const dev = side.device ?? net.master ?? "the parent";
  switch (net.mainType) {
    case "bridge":
      return yes(
        `both probes hang off ${side.device ?? net.bridge ?? "cni0"} on ${side.node}: one bridge switches between them`,
      );
    case "macvlan": {
      const mode = net.mode ?? "bridge";
      if (mode === "private") return no(`macvlan mode private: endpoints on ${dev} never talk to each other`);
      if (mode === "bridge")
        return yes(
          `macvlan mode bridge: endpoints on ${dev} switch between each other inside the host (only host↔pod is cut, not pod↔pod)`,
        );
      return unknown(
        `macvlan mode ${mode}: endpoints on ${dev} talk only through the switch (hairpin), which Plumbline cannot see`,
      );
    }
    case "ipvlan":
      return net.mode === "l3" || net.mode === "l3s"
        ? yes(`ipvlan ${net.mode}: endpoints on ${dev} are routed to each other inside the host`)
        : yes(`ipvlan l2: endpoints on ${dev} share its MAC and switch inside the host`);
    case "sriov":
      return yes(`VFs of one PF (${dev}) switch through the NIC's embedded switch`);
    case "vlan":
      return unknown(`two VLAN interfaces on ${dev} talk through the switch, which Plumbline cannot see`);
    case "host-device":
      return unknown(
        `${net.device ?? "the device"} moves into one pod per node: there is no second probe on ${side.node}`,
      );
    default:
      return unknown(`${net.cniType ?? "this plugin"} is not a type whose reach Plumbline can predict`);
  }
}

/** One probe on each of two nodes. */
function crossHost(net: NetFacts, a: SideFacts, b: SideFacts): Expectation {
  switch (net.mainType) {
    case "bridge": {
      const name = net.bridge ?? "cni0";
      const blind = [a, b].filter((s) => !s.observed).map((s) => s.node);
      const islands = [a, b].filter((s) => s.observed && s.uplinks.length === 0).map((s) => s.node);
      if (islands.length)
        return no(`${name} has no uplink on ${islands.join(" and ")}: an island, reached only from the same host`);
      if (blind.length)
        return unknown(
          `${name}'s ports on ${blind.join(" and ")} are not observed (no NodeNetworkState, no probe of its links): whether it has an uplink is unknown`,
        );
      return yes(`${name} is uplinked on both (${a.uplinks.join(", ")} / ${b.uplinks.join(", ")}): one L2 segment`);
    }
    case "macvlan":
    case "ipvlan":
    case "vlan":
    case "host-device":
    case "sriov": {
      if (net.mainType === "ipvlan" && (net.mode === "l3" || net.mode === "l3s"))
        return unknown(
          `ipvlan ${net.mode} routes between hosts through the nodes' routing tables, which Plumbline does not read`,
        );
      if (!a.segment || !b.segment) return unknown("the topology has no segment for one of the nodes' parents");
      const what = net.mainType === "sriov" ? "PF" : net.mainType === "host-device" ? "device" : "parent NIC";
      if (a.segment === b.segment)
        return yes(
          `both hang off ${what} ${a.device ?? "?"} of one shared segment (${a.segment}): the NICs' switch joins them`,
        );
      return no(`the ${what}s are on different segments (${a.segment} / ${b.segment})`);
    }
    default:
      return unknown(`${net.cniType ?? "this plugin"} is not a type whose reach Plumbline can predict`);
  }
}

/** What the topology predicts for the probes on `from` → `to`; never a guess: unknown says why. */
export function expectPair(net: NetFacts, from: SideFacts, to: SideFacts): Expectation {
  return from.node === to.node ? sameHost(net, from) : crossHost(net, from, to);
}
