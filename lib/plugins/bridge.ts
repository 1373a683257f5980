import { z } from "zod";
import { hostNameOf } from "../contract/ids";
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
  reach: (net, points) => {
    const islands = points.filter((e) => e.kind === "bridge" && e.uplinks.length === 0);
    const hosts = new Set(islands.map((e) => e.parent));
    if (islands.length > 0) {
      return `${net.bridge ?? "cni0"} has no uplink: pods reach each other through it only on the same host (an island on ${[...hosts].map((h) => hostNameOf(h ?? "")).join(", ")}).`;
    }
    return points.length ? `${net.bridge ?? "cni0"} is uplinked: pods on different hosts share its L2 segment.` : null;
  },
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
