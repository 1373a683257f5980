import { z } from "zod";
import { type JsonObject, str } from "../result";
import { ifName, mtu, numberOrUndefined, text, vlanId } from "./fields";
import { intField, needsParent, type Plugin, sharedSegment } from "./plugin";

/** vlan: an 802.1Q sub-interface of a parent NIC in each pod. */
export const vlan: Plugin<"vlan"> = {
  type: "vlan",
  label: "vlan",
  blurb: "802.1Q sub-interface",
  note: "An 802.1Q sub-interface of the master NIC in each pod.",
  parse: (main, problems) => {
    const out = { master: str(main.master), vlan: intField(main, "vlanId", problems, 0, 4094) };
    if (out.master === undefined) problems.push("vlan needs `master`");
    if (out.vlan === undefined) problems.push("vlan needs `vlanId`");
    return out;
  },
  point: (c) => (c.master ? { kind: "vlan-parent", device: c.master, vlan: c.vlan } : null),
  needs: needsParent,
  reach: sharedSegment,
  formKeys: ["master", "vlanId", "mtu"],
};

const vlanSchema = z.object({ type: z.literal("vlan"), master: ifName, vlanId, mtu });

export const vlanForm = {
  schema: vlanSchema,
  defaults: (master: string): z.input<typeof vlanSchema> => ({ type: "vlan", master, vlanId: "", mtu: "" }),
  fromConfig: (c: JsonObject): z.input<typeof vlanSchema> => ({
    type: "vlan",
    master: text(c.master),
    vlanId: text(c.vlanId),
    mtu: text(c.mtu),
  }),
  toConfig: (m: z.output<typeof vlanSchema>) => ({ master: m.master, vlanId: m.vlanId, mtu: numberOrUndefined(m.mtu) }),
};
