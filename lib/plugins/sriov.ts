import { z } from "zod";
import { type JsonObject, str } from "../result";
import { keepOption, numberOrUndefined, onOff, optionalVlan, text } from "./fields";
import { intField, type Plugin } from "./plugin";

export const RESOURCE_NAME_ANNOTATION = "k8s.v1.cni.cncf.io/resourceName";

/** SR-IOV: a virtual function of a NIC, handed out by the SR-IOV device plugin (the NAD names its resource). */
export const sriov: Plugin<"sriov"> = {
  type: "sriov",
  label: "SR-IOV",
  blurb: "a VF from a device plugin",
  note: "A virtual function of an SR-IOV NIC, handed out by the device plugin.",
  parse: (main, problems) => ({ vlan: intField(main, "vlan", problems, 0, 4094), device: str(main.deviceID) }),
  point: (_c, iface, net) => ({
    kind: "sriov-pf",
    device: iface.deviceInfo?.pfPciAddress ?? net.resourceName ?? "SR-IOV",
  }),
  // Which NIC a VF comes from is the device plugin's choice: no device to look for on a host.
  needs: () => ({ device: null, role: "device", created: false }),
  reach: () => null,
  formKeys: ["vlan", "spoofchk", "trust"],
};

const schema = z.object({
  type: z.literal("sriov"),
  resourceName: z
    .string()
    .trim()
    .min(1, "required")
    .regex(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9_.-]+$/, "a device plugin resource like intel.com/intel_sriov_netdevice"),
  vlan: optionalVlan,
  spoofchk: onOff,
  trust: onOff,
});

export const sriovForm = {
  schema,
  defaults: (): z.input<typeof schema> => ({ type: "sriov", resourceName: "", vlan: "", spoofchk: "", trust: "" }),
  fromConfig: (c: JsonObject, resourceName: string | undefined): z.input<typeof schema> => ({
    type: "sriov",
    resourceName: resourceName ?? "",
    vlan: text(c.vlan),
    spoofchk: keepOption(text(c.spoofchk) || ""),
    trust: keepOption(text(c.trust) || ""),
  }),
  toConfig: (m: z.output<typeof schema>) => ({
    vlan: numberOrUndefined(m.vlan),
    spoofchk: m.spoofchk || undefined,
    trust: m.trust || undefined,
  }),
  /** the NAD's annotation the device plugin reads */
  annotations: (m: z.output<typeof schema>) => ({ [RESOURCE_NAME_ANNOTATION]: m.resourceName }),
};
