import { z } from "zod";
import { type JsonObject, str } from "../result";
import { ifName, keepOption, mtu, numberOrUndefined, text } from "./fields";
import { needsParent, type Plugin, parentPoint, sharedSegment } from "./plugin";

/** macvlan: each pod its own MAC on a parent NIC of its node. */
export const macvlan: Plugin<"macvlan"> = {
  type: "macvlan",
  label: "macvlan",
  blurb: "own MACs on a host NIC",
  note: "Each pod gets its own MAC on the master NIC; the pods reach the NIC's network, not the node itself.",
  parse: (main) => ({ master: str(main.master) }),
  point: parentPoint("macvlan-parent"),
  needs: needsParent,
  reach: sharedSegment,
  formKeys: ["master", "mode", "mtu"],
};

const macvlanSchema = z.object({
  type: z.literal("macvlan"),
  master: ifName,
  mode: z.enum(["bridge", "private", "vepa", "passthru"]).default("bridge"),
  mtu,
});

export const macvlanForm = {
  schema: macvlanSchema,
  defaults: (master: string): z.input<typeof macvlanSchema> => ({ type: "macvlan", master, mode: "bridge", mtu: "" }),
  fromConfig: (c: JsonObject): z.input<typeof macvlanSchema> => ({
    type: "macvlan",
    master: text(c.master),
    mode: keepOption(text(c.mode) || "bridge"),
    mtu: text(c.mtu),
  }),
  toConfig: (m: z.output<typeof macvlanSchema>) => ({ master: m.master, mode: m.mode, mtu: numberOrUndefined(m.mtu) }),
};
