import { z } from "zod";
import { hostNameOf } from "../contract/ids";
import type { BridgeElement, TopologyElement } from "../contract/schema";
import { namesWithMore } from "../names-list";
import { type JsonObject, str } from "../result";
import { ifName, mtu, numberOrUndefined, optionalVlan, text } from "./fields";
import { intField, type Plugin } from "./plugin";

/** The reference bridge plugin: a Linux bridge per node, created on the first pod if missing. */
export const bridge: Plugin<"bridge"> = {
  type: "bridge",
  label: "bridge",
  blurb: "Linux bridge on each node",
  note: "A Linux bridge per node. Without a host NIC as its port (an uplink) each node's bridge is an island: pods on different nodes do not reach each other.",
  parse: (main, problems) => ({ bridge: str(main.bridge) ?? "cni0", vlan: intField(main, "vlan", problems, 0, 4094) }),
  point: (c) => ({ kind: "bridge", device: c.bridge ?? "cni0" }),
  needs: (net) => ({ device: net.bridge ?? "cni0", role: "bridge", created: true }),
  reach: (net, points, listed) => bridgeReach(net.bridge ?? "cni0", points, listed),
  formKeys: ["bridge", "vlan", "mtu", "isGateway", "ipMasq", "hairpinMode", "macspoofchk"],
};

const FLAGS = ["isGateway", "ipMasq", "hairpinMode", "macspoofchk"] as const;
const schema = z.object({
  type: z.literal("bridge"),
  bridge: ifName,
  vlan: optionalVlan,
  mtu,
  isGateway: z.boolean().default(false),
  ipMasq: z.boolean().default(false),
  hairpinMode: z.boolean().default(false),
  macspoofchk: z.boolean().default(false),
});

export const bridgeForm = {
  schema,
  defaults: (): z.input<typeof schema> => ({
    type: "bridge",
    bridge: "",
    vlan: "",
    mtu: "",
    isGateway: false,
    ipMasq: false,
    hairpinMode: false,
    macspoofchk: false,
  }),
  fromConfig: (c: JsonObject): z.input<typeof schema> => ({
    type: "bridge",
    bridge: text(c.bridge) || "cni0",
    vlan: text(c.vlan),
    mtu: text(c.mtu),
    isGateway: c.isGateway === true,
    ipMasq: c.ipMasq === true,
    hairpinMode: c.hairpinMode === true,
    macspoofchk: c.macspoofchk === true,
  }),
  toConfig: (m: z.output<typeof schema>): Record<string, unknown> => {
    const out: Record<string, unknown> = {
      bridge: m.bridge,
      vlan: numberOrUndefined(m.vlan),
      mtu: numberOrUndefined(m.mtu),
    };
    for (const k of FLAGS) if (m[k]) out[k] = true;
    return out;
  },
};

const hostList = (els: readonly TopologyElement[], listed?: number): string =>
  namesWithMore(
    els.map((e) => hostNameOf(e.parent ?? "") ?? ""),
    listed,
  );

/** Islands where the host's ports are observed; "not known" where nothing observes them (never a guessed island). */
function bridgeReach(bridge: string, els: readonly TopologyElement[], listed?: number): string | null {
  const bridges = els.filter((e): e is BridgeElement => e.kind === "bridge");
  const islands = bridges.filter((e) => e.uplinksKnown && e.uplinks.length === 0);
  const unknown = bridges.filter((e) => !e.uplinksKnown);
  const said: string[] = [];
  if (islands.length > 0)
    said.push(
      `${bridge} has no uplink: pods reach each other through it only on the same host (an island on ${hostList(islands, listed)}).`,
    );
  if (unknown.length > 0)
    said.push(
      `Whether ${bridge} has an uplink on ${hostList(unknown, listed)} is not known: nothing observes ${unknown.length === 1 ? "that node's" : "those nodes'"} ports (no NodeNetworkState, not inspected), so whether pods there reach other hosts is not known either.`,
    );
  if (said.length > 0) return said.join(" ");
  return bridges.length ? `${bridge} is uplinked: pods on different hosts share its L2 segment.` : null;
}
