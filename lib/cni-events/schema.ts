import { z } from "zod";

/** What a CNI/Multus sandbox failure comes down to; "unknown" keeps the text verbatim. */
export const failureCauseSchema = z.enum([
  "ip-range-exhausted",
  "ip-in-use",
  "whereabouts-storage",
  "master-not-found",
  "device-busy",
  "ifname-exists",
  "plugin-missing",
  "nad-not-found",
  "invalid-config",
  "dhcp-unreachable",
  "sriov-resource",
  "multus-not-ready",
  "timeout",
  "unknown",
]);

/** One FailedCreatePodSandBox (or Multus/OVN) message, parsed. Every field but cause and text is optional. */
export const cniFailureSchema = z.object({
  cause: failureCauseSchema,
  /** one line an admin can act on */
  summary: z.string(),
  /** the innermost error, without the runtime's and Multus' wrapping */
  detail: z.string(),
  namespace: z.string().optional(),
  pod: z.string().optional(),
  /** the NAD as the message names it: "name" or "namespace/name" */
  network: z.string().optional(),
  interface: z.string().optional(),
  /** the CNI plugin the message names, e.g. macvlan, host-device, sriov */
  plugin: z.string().optional(),
  /** the IPAM plugin, when the message shows which one failed */
  ipam: z.string().optional(),
  /** the address range the IPAM reported full: first and last address */
  range: z.tuple([z.string(), z.string()]).optional(),
  /** the address that was asked for or already taken */
  ip: z.string().optional(),
  /** the master, parent or host device named */
  device: z.string().optional(),
});

/** A Multus AddedInterface event: "Add net1 [192.168.1.23/24] from default/nad-host". */
export const addedInterfaceSchema = z.object({
  interface: z.string(),
  ips: z.array(z.string()),
  /** the network as Multus names it; absent in Multus before 3.7 */
  network: z.string().optional(),
});

export type FailureCause = z.infer<typeof failureCauseSchema>;
export type CniFailure = z.infer<typeof cniFailureSchema>;
export type AddedInterface = z.infer<typeof addedInterfaceSchema>;
