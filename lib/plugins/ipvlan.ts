import { z } from "zod";
import { type JsonObject, str } from "../result";
import { ifName, keepOption, mtu, numberOrUndefined, text } from "./fields";
import { needsParent, type Plugin, parentPoint, sharedSegment } from "./plugin";

/** ipvlan: pods share a parent NIC's MAC. */
export const ipvlan: Plugin<"ipvlan"> = {
  type: "ipvlan",
  label: "ipvlan",
  blurb: "shares the NIC's MAC",
  note: "Pods share the master NIC's MAC: for networks that allow one MAC per port.",
  parse: (main) => ({ master: str(main.master) }),
  point: parentPoint("ipvlan-parent"),
  needs: needsParent,
  reach: sharedSegment,
  formKeys: ["master", "mode", "mtu"],
};

const ipvlanSchema = z.object({
  type: z.literal("ipvlan"),
  master: ifName,
  mode: z.enum(["l2", "l3", "l3s"]).default("l2"),
  mtu,
});

export const ipvlanForm = {
  schema: ipvlanSchema,
  defaults: (master: string): z.input<typeof ipvlanSchema> => ({ type: "ipvlan", master, mode: "l2", mtu: "" }),
  fromConfig: (c: JsonObject): z.input<typeof ipvlanSchema> => ({
    type: "ipvlan",
    master: text(c.master),
    mode: keepOption(text(c.mode) || "l2"),
    mtu: text(c.mtu),
  }),
  toConfig: (m: z.output<typeof ipvlanSchema>) => ({ master: m.master, mode: m.mode, mtu: numberOrUndefined(m.mtu) }),
};
