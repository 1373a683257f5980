import { z } from "zod";
import { type JsonObject, str } from "../result";
import { formNumber, ifName, macAddress, mtu, numberOrUndefined, text, whole } from "./fields";
import { type DeclaredField, intField, type Plugin } from "./plugin";

// The tap plugin (containernetworking/plugins, plugins/main/tap), documented for OpenShift 4.14 and later in
// "Configuration for a TAP additional network" (docs.redhat.com, networking / multiple networks): a TAP device in
// the pod for a user-space program (a VM's virtio backend, a DPDK application). Keys: mac, mtu, selinuxcontext,
// multiQueue, owner, group, bridge (a bridge inside the pod the tap is made a port of, not one on the node).

const UID = 4294967295;

export const tap: Plugin<"tap"> = {
  type: "tap",
  label: "tap",
  blurb: "a TAP device for a user-space program",
  note: "A TAP device in each pod: frames go to and from a user-space program (a VM, a DPDK app), not the node. Nothing on the node carries it, so Plumbline draws no host side.",
  parse: (main, problems) => {
    intField(main, "owner", problems, 0, UID);
    intField(main, "group", problems, 0, UID);
    const mac = str(main.mac);
    if (mac !== undefined && !macAddress.safeParse(mac).success) problems.push(`\`mac\` is not a MAC address: ${mac}`);
    if ("multiQueue" in main && typeof main.multiQueue !== "boolean")
      problems.push("`multiQueue` must be true or false");
    return {};
  },
  point: () => null,
  needs: () => ({ device: null, role: "device", created: false }),
  reach: () =>
    "Each pod's tap device reaches only what the program behind it forwards: no host-side link to read, so reach across hosts cannot be told.",
  formKeys: ["mac", "mtu", "selinuxcontext", "multiQueue", "owner", "group", "bridge"],
};

const optionalId = z.preprocess(formNumber, whole(0, UID, `0 to ${UID}`).optional());
const schema = z.object({
  type: z.literal("tap"),
  mac: z.union([z.literal(""), macAddress]).optional(),
  mtu,
  multiQueue: z.boolean().default(false),
  selinuxcontext: z.string().trim().optional(),
  owner: optionalId,
  group: optionalId,
  bridge: z.union([z.literal(""), ifName]).optional(),
});

export const tapForm = {
  schema,
  defaults: (): z.input<typeof schema> => ({
    type: "tap",
    mac: "",
    mtu: "",
    multiQueue: false,
    selinuxcontext: "",
    owner: "",
    group: "",
    bridge: "",
  }),
  fromConfig: (c: JsonObject): z.input<typeof schema> => ({
    type: "tap",
    mac: text(c.mac),
    mtu: text(c.mtu),
    multiQueue: c.multiQueue === true,
    selinuxcontext: text(c.selinuxcontext),
    owner: text(c.owner),
    group: text(c.group),
    bridge: text(c.bridge),
  }),
  toConfig: (m: z.output<typeof schema>) => ({
    mac: m.mac || undefined,
    mtu: numberOrUndefined(m.mtu),
    multiQueue: m.multiQueue || undefined,
    selinuxcontext: m.selinuxcontext || undefined,
    owner: m.owner,
    group: m.group,
    bridge: m.bridge || undefined,
  }),
  /** the fields the form shows, drawn by components/network-form/declared-fields.tsx */
  fields: [
    { name: "mac", label: "MAC address", kind: "text", placeholder: "random", hint: "a fixed MAC for the tap device" },
    { name: "mtu", label: "MTU", kind: "number", placeholder: "kernel default", hint: "68–65535" },
    {
      name: "bridge",
      label: "Bridge in the pod",
      kind: "text",
      placeholder: "none",
      hint: "make the tap a port of this bridge inside the pod",
    },
    { name: "owner", label: "Owner (uid)", kind: "number", placeholder: "none" },
    { name: "group", label: "Group (gid)", kind: "number", placeholder: "none" },
    {
      name: "selinuxcontext",
      label: "SELinux context",
      kind: "text",
      placeholder: "system_u:system_r:container_t:s0",
      hint: "OpenShift needs system_u:system_r:container_t:s0",
    },
    { name: "multiQueue", label: "multiQueue", kind: "checkbox", hint: "one queue per vCPU" },
  ] satisfies DeclaredField[],
};
