import { z } from "zod";
import { type JsonObject, str } from "../result";
import { macAddress, text } from "./fields";
import type { Plugin } from "./plugin";

/** host-device: a whole NIC of the node moves into one pod. */
export const hostDevice: Plugin<"host-device"> = {
  type: "host-device",
  label: "host-device",
  blurb: "moves a NIC into the pod",
  note: "Moves a whole NIC from the node into one pod.",
  parse: (main, problems) => {
    const out = {
      device: str(main.device),
      hwaddr: str(main.hwaddr),
      pciBusID: str(main.pciBusID),
      kernelpath: str(main.kernelpath),
    };
    if (!out.device && !out.hwaddr && !out.pciBusID && !out.kernelpath) {
      problems.push("host-device needs one of `device`, `hwaddr`, `kernelpath`, `pciBusID`");
    }
    return out;
  },
  point: (c) => {
    const device = c.device ?? c.hwaddr ?? c.pciBusID ?? c.kernelpath;
    return device ? { kind: "host-device", device } : null;
  },
  needs: (net) => ({ device: net.device ?? null, role: "device", created: false }),
  reach: (net) =>
    `Each pod takes ${net.device ?? "the device"} out of its host: one pod per host, on that NIC's L2 segment.`,
  formKeys: ["device", "hwaddr", "pciBusID"],
};

const schema = z
  .object({
    type: z.literal("host-device"),
    device: z.string().trim().optional(),
    hwaddr: z.union([z.literal(""), macAddress]).optional(),
    pciBusID: z
      .union([
        z.literal(""),
        z
          .string()
          .trim()
          .regex(/^[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\.[0-7]$/, "a PCI address like 0000:18:00.1"),
      ])
      .optional(),
  })
  .refine((v) => !!(v.device || v.hwaddr || v.pciBusID), {
    path: ["device"],
    message: "give a device name, a MAC address or a PCI address",
  });

export const hostDeviceForm = {
  schema,
  defaults: (): z.input<typeof schema> => ({ type: "host-device", device: "", hwaddr: "", pciBusID: "" }),
  fromConfig: (c: JsonObject): z.input<typeof schema> => ({
    type: "host-device",
    device: text(c.device),
    hwaddr: text(c.hwaddr),
    pciBusID: text(c.pciBusID),
  }),
  toConfig: (m: z.output<typeof schema>) => ({
    device: m.device || undefined,
    hwaddr: m.hwaddr || undefined,
    pciBusID: m.pciBusID || undefined,
  }),
};
