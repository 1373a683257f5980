import { z } from "zod";

/**
 * What the topology says of OVN-Kubernetes networks, their owners (UserDefinedNetwork, ClusterUserDefinedNetwork),
 * the MultiNetworkPolicies on them and KubeVirt VMs behind virt-launcher pods. A leaf of the contract (schema.ts).
 */

/** An ovn-k8s-cni-overlay NAD's own keys, as OVN-Kubernetes reads them. */
export const ovnNetworkSchema = z.object({
  /** layer2 (one logical switch across nodes), layer3 (a switch per node, routed), localnet (to a physical network) */
  topology: z.string(),
  /** primary: the pod's default network is this one; secondary: an extra interface */
  role: z.string(),
  /** the OVN network's name (the config's `name`), shared by every NAD on that network */
  networkName: z.string(),
  /** localnet: the physical network name the nodes' bridge mappings map to an OVS bridge */
  physicalNetwork: z.string().optional(),
  subnets: z.array(z.string()).default([]),
  excludeSubnets: z.array(z.string()).default([]),
});

export const conditionSchema = z.object({
  type: z.string(),
  status: z.string(),
  reason: z.string().optional(),
  message: z.string().optional(),
});

/** The UserDefinedNetwork or ClusterUserDefinedNetwork a NAD was rendered from. */
export const udnOwnerSchema = z.object({
  kind: z.enum(["UserDefinedNetwork", "ClusterUserDefinedNetwork"]),
  name: z.string(),
  /** a UserDefinedNetwork's namespace (a ClusterUserDefinedNetwork has none) */
  namespace: z.string().optional(),
  /** false when its NetworkCreated/NetworkReady condition is not True; null when it reports no condition yet */
  ready: z.boolean().nullable(),
  conditions: z.array(conditionSchema).default([]),
  /** the namespaces it renders a NAD in: a CUDN's selected namespaces (from its NADs and its status), a UDN's own */
  namespaces: z.array(z.string()).default([]),
  /** a CUDN's namespaceSelector, as text */
  selector: z.string().optional(),
  /** the owner object was read (false: only the NAD's ownerReference names it) */
  found: z.boolean(),
  /** primary role: the namespaces it serves that lack the label k8s.ovn.org/primary-user-defined-network (when read) */
  unlabelled: z.array(z.string()).default([]),
  /** what the NAD says unlike its owner (e.g. "subnets"): an edit OVN-Kubernetes overwrites */
  drift: z.array(z.string()).default([]),
  /** what of the owner could not be read */
  problems: z.array(z.string()).default([]),
});

/** A MultiNetworkPolicy that applies to a network (its k8s.v1.cni.cncf.io/policy-for names it). */
export const policySummarySchema = z.object({
  namespace: z.string(),
  name: z.string(),
  /** Ingress, Egress */
  types: z.array(z.string()).default([]),
  /** the podSelector, as text ("all pods" for {}) */
  podSelector: z.string(),
  ingressRules: z.number().int(),
  egressRules: z.number().int(),
  /** what it cuts off, e.g. "all ingress" (a policy type with no rule), else null */
  isolates: z.string().nullable(),
});

/** The KubeVirt VM a virt-launcher pod runs. */
export const podVmSchema = z.object({
  name: z.string(),
  /** read from the VirtualMachineInstance, else only from the pod's labels */
  vmiRead: z.boolean(),
  /** a live migration: this pod is its source or its target */
  migration: z.enum(["source", "target"]).optional(),
  /** the other virt-launcher pod of the migration (an id) */
  peer: z.string().optional(),
});

export type OvnNetwork = z.infer<typeof ovnNetworkSchema>;
export type UdnOwner = z.infer<typeof udnOwnerSchema>;
export type PolicySummary = z.infer<typeof policySummarySchema>;
export type Condition = z.infer<typeof conditionSchema>;
