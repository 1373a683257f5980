import { z } from "zod";
import { cniFailureSchema } from "../cni-events/schema";
import { podEventSchema } from "../events/schema";
import { findingCodeSchema } from "../findings/catalogue";
import { severitySchema } from "../findings/info";
import { workloadKindSchema } from "../k8s/workloads";
import { ovnNetworkSchema, podVmSchema, policySummarySchema, udnOwnerSchema } from "./ovn";

/**
 * The topology contract. The API, the UI and the CLI all speak this one shape; every other
 * type in the topology pipeline is inferred from it.
 */

/** observed: reported by the cluster itself (NodeNetworkState, network-status); inferred: derived from NADs and requests. */
export const provenanceSchema = z.enum(["observed", "inferred"]);

const baseElement = {
  id: z.string(),
  name: z.string(),
  parent: z.string().nullable(),
  provenance: provenanceSchema,
};

export const ipRangeSchema = z.object({
  /** CIDR of the whole range, e.g. 192.168.12.0/24 */
  subnet: z.string(),
  start: z.string().optional(),
  end: z.string().optional(),
  gateway: z.string().optional(),
  exclude: z.array(z.string()).default([]),
});

export const ipamSchema = z.object({
  type: z.string(),
  ranges: z.array(ipRangeSchema).default([]),
  /** static IPAM: the configured addresses (CIDR) */
  addresses: z.array(z.string()).default([]),
  /** whereabouts IPPool use, when the pool was found */
  pool: z
    .object({
      name: z.string(),
      /** every reservation the pool holds, stale ones included */
      allocated: z.number().int(),
      size: z.number().int().nullable(),
      /** reservations whose pod no longer exists (part of `allocated`); absent when the pods could not all be read */
      stale: z.number().int().optional(),
    })
    .optional(),
});

/** The CNI plugins Plumbline draws and writes, one descriptor each in lib/plugins/; "other" is any other main plugin. */
export const PLUGIN_TYPES = ["bridge", "macvlan", "ipvlan", "host-device", "vlan", "sriov", "tap"] as const;
export type PluginType = (typeof PLUGIN_TYPES)[number];
/**
 * Plugins Plumbline draws but has no NAD form for: OVN-Kubernetes' NADs are rendered from a UserDefinedNetwork or
 * ClusterUserDefinedNetwork (edited there), or written by hand as raw JSON.
 */
export const DRAWN_ONLY_TYPES = ["ovn-k8s-cni-overlay"] as const;
export type DrawnType = PluginType | (typeof DRAWN_ONLY_TYPES)[number];
export const mainTypeSchema = z.enum([...PLUGIN_TYPES, ...DRAWN_ONLY_TYPES, "other"]);

export const nicSummarySchema = z.object({
  name: z.string(),
  type: z.string(),
  state: z.string().optional(),
  mac: z.string().optional(),
  mtu: z.number().optional(),
  ips: z.array(z.string()).default([]),
  controller: z.string().optional(),
});

export const hostElementSchema = z.object({
  ...baseElement,
  kind: z.literal("host"),
  /** this host's links are observed: reported by NodeNetworkState, or probed by Plumbline (linksSource says which) */
  linksObserved: z.boolean(),
  /** where the observed links come from: kubernetes-nmstate's report, or a probe pod Plumbline ran on the node */
  linksSource: z.enum(["nns", "probe"]).optional(),
  /** the probe's caller (who ran "Inspect node links"), when linksSource is "probe" */
  probedBy: z.string().optional(),
  addresses: z.array(z.string()).default([]),
  interfaces: z.array(nicSummarySchema).default([]),
  /** NodeNetworkState status.lastSuccessfulUpdateTime, or when the probe read the links */
  reportedAt: z.string().optional(),
});

/** Host-side attachment points: a bridge, a macvlan/ipvlan/vlan parent NIC, a host device, an SR-IOV PF. */
const hostSide = {
  ...baseElement,
  host: z.string(),
  device: z.string(),
  mac: z.string().optional(),
  mtu: z.number().optional(),
  state: z.string().optional(),
  /** L2 reach: pods attached to points with the same segment can talk at L2. */
  segment: z.string(),
};

export const bridgeElementSchema = z.object({
  ...hostSide,
  kind: z.literal("bridge"),
  /** physical ports (uplinks) from the host's observed links; empty and known: an island on its host */
  uplinks: z.array(z.string()).default([]),
  /** false when nothing observes the host's ports (no NodeNetworkState, no probe): the uplinks are unknown, not none */
  uplinksKnown: z.boolean().default(true),
  ports: z.array(z.string()).default([]),
  /** known to have no uplink and a network uses it: its pods reach only pods on the same host (unused bridges are no island) */
  island: z.boolean().optional(),
  /** an Open vSwitch bridge (nmstate's ovs-bridge), e.g. br-ex that an OVN-Kubernetes localnet network leaves by */
  ovs: z.boolean().optional(),
  /** OVN-Kubernetes localnet physical networks mapped to this bridge on its host (nmstate's ovn.bridge-mappings) */
  localnets: z.array(z.string()).optional(),
});

export const parentElementSchema = z.object({
  ...hostSide,
  /** ovn-switch: an OVN-Kubernetes logical switch (layer2: one across hosts; layer3: one per node, routed) */
  kind: z.enum(["macvlan-parent", "ipvlan-parent", "vlan-parent", "sriov-pf", "ovn-switch"]),
  vlans: z.array(z.number().int()).default([]),
});

export const hostDeviceElementSchema = z.object({
  ...hostSide,
  kind: z.literal("host-device"),
  /** the interface element that holds this device, when a pod has taken it out of the host */
  movedTo: z.string().nullable(),
  /** false when NodeNetworkState no longer reports the device on its host */
  presentOnHost: z.boolean().nullable(),
});

export const requestedNetworkSchema = z.object({
  /** namespace/name */
  network: z.string(),
  interface: z.string(),
  ips: z.array(z.string()).default([]),
  mac: z.string().optional(),
});

export const podElementSchema = z.object({
  ...baseElement,
  kind: z.literal("pod"),
  namespace: z.string(),
  node: z.string().nullable(),
  phase: z.string().optional(),
  podIPs: z.array(z.string()).default([]),
  requested: z.array(requestedNetworkSchema).default([]),
  /** its network events (sandbox failures, AddedInterface) that name no one interface, newest first */
  events: z.array(podEventSchema).optional(),
  /** a KubeVirt virt-launcher pod: the VirtualMachine it runs */
  vm: podVmSchema.optional(),
});

export const deviceInfoSchema = z.object({
  type: z.string(),
  pciAddress: z.string().optional(),
  pfPciAddress: z.string().optional(),
});

/** A parsed sandbox failure as it stands on an interface: when it last happened and how often. */
export const interfaceFailureSchema = cniFailureSchema.extend({
  time: z.string().optional(),
  count: z.number().int().min(1),
  /** the event text verbatim */
  message: z.string(),
});

export const interfaceElementSchema = z.object({
  ...baseElement,
  kind: z.literal("interface"),
  interface: z.string(),
  ips: z.array(z.string()).default([]),
  mac: z.string().optional(),
  /** namespace/name of the NAD, or the default network's CNI name */
  network: z.string(),
  /** the cluster's default network (eth0) */
  isDefault: z.boolean(),
  requested: z.boolean(),
  attached: z.boolean(),
  gateway: z.array(z.string()).default([]),
  deviceInfo: deviceInfoSchema.optional(),
  /** the pod's network events about this interface, newest first (bounded) */
  events: z.array(podEventSchema).optional(),
  /** why the interface is not up, when the newest event about it is a sandbox failure */
  failure: interfaceFailureSchema.optional(),
  /** a VM's interface behind this pod interface (virt-launcher): its name in the VM spec */
  vmInterface: z.string().optional(),
  /** how vmInterface is known: the VMI's status names it, or derived from the VM's network names as KubeVirt names them */
  vmInterfaceFrom: z.enum(["vmi", "derived"]).optional(),
  /** the MultiNetworkPolicies (namespace/name) that select this pod on this interface's network */
  policies: z.array(z.string()).optional(),
});

export const networkElementSchema = z.object({
  ...baseElement,
  kind: z.literal("network"),
  namespace: z.string(),
  /** the CNI type of the plugin that creates the interface, e.g. bridge, macvlan, ovn-k8s-cni-overlay */
  cniType: z.string().nullable(),
  mainType: mainTypeSchema.nullable(),
  bridge: z.string().optional(),
  master: z.string().optional(),
  device: z.string().optional(),
  vlan: z.number().int().optional(),
  mtu: z.number().optional(),
  mode: z.string().optional(),
  resourceName: z.string().optional(),
  ipam: ipamSchema.nullable(),
  /** the plugin chain, e.g. ["bridge", "tuning"] */
  plugins: z.array(z.string()).default([]),
  /** spec.config exactly as stored */
  rawConfig: z.string(),
  /**
   * set when a controller renders this NAD: the Cluster Network Operator (edit its additionalNetworks entry) or
   * OVN-Kubernetes from a UserDefinedNetwork/ClusterUserDefinedNetwork (edit that, `udn`); never the NAD
   */
  managedBy: z.enum(["cluster-network-operator", "ovn-kubernetes"]).nullable(),
  /** ovn-k8s-cni-overlay: its topology, role, OVN network name, physical network, subnets */
  ovn: ovnNetworkSchema.optional(),
  /** the UserDefinedNetwork or ClusterUserDefinedNetwork it was rendered from */
  udn: udnOwnerSchema.optional(),
  /** the MultiNetworkPolicies whose policy-for names this network */
  policies: z.array(policySummarySchema).optional(),
});

/**
 * A Deployment, StatefulSet or DaemonSet with the networks its pod template asks for, beside what its pods ask
 * for now: pods keep the annotation they were created with until the rollout replaces them.
 */
export const workloadElementSchema = z.object({
  ...baseElement,
  kind: z.literal("workload"),
  namespace: z.string(),
  workloadKind: workloadKindSchema,
  /** spec.replicas (none for a DaemonSet) */
  replicas: z.number().int().nullable(),
  /** the pod template's k8s.v1.cni.cncf.io/networks, as namespace/name with the interface when one is named */
  template: z.array(z.object({ network: z.string(), interface: z.string().optional() })),
  /** why the template's annotation cannot be read, when it cannot */
  templateError: z.string().optional(),
  /** its pods (by controller reference, else by its selector), each with what it asks for and whether that is the template's */
  pods: z.array(z.object({ id: z.string(), networks: z.array(z.string()), current: z.boolean() })),
});

export const elementSchema = z.discriminatedUnion("kind", [
  hostElementSchema,
  bridgeElementSchema,
  parentElementSchema,
  hostDeviceElementSchema,
  podElementSchema,
  interfaceElementSchema,
  networkElementSchema,
  workloadElementSchema,
]);

export const linkKindSchema = z.enum([
  /** pod interface (source) → its host-side attachment point (target) */
  "attachment",
  /** pod interface (source) → the network it belongs to (target) */
  "network",
]);

export const linkSchema = z.object({
  id: z.string(),
  kind: linkKindSchema,
  source: z.string(),
  target: z.string(),
  label: z.string().optional(),
});

// Severities and codes live in the findings catalogue, so a code cannot exist without its meaning and fix.
export type { FindingCode } from "../findings/catalogue";
export type { Severity } from "../findings/info";

export const findingSchema = z.object({
  severity: severitySchema,
  code: findingCodeSchema,
  message: z.string(),
  elements: z.array(z.string()),
});

export const topologySchema = z.object({
  elements: z.array(elementSchema),
  links: z.array(linkSchema),
  findings: z.array(findingSchema),
});

export type IpRange = z.infer<typeof ipRangeSchema>;
export type Ipam = z.infer<typeof ipamSchema>;
export type MainType = z.infer<typeof mainTypeSchema>;
export type NicSummary = z.infer<typeof nicSummarySchema>;
export type HostElement = z.infer<typeof hostElementSchema>;
export type BridgeElement = z.infer<typeof bridgeElementSchema>;
export type ParentElement = z.infer<typeof parentElementSchema>;
export type HostDeviceElement = z.infer<typeof hostDeviceElementSchema>;
export type PodElement = z.infer<typeof podElementSchema>;
export type InterfaceElement = z.infer<typeof interfaceElementSchema>;
export type InterfaceFailure = z.infer<typeof interfaceFailureSchema>;
export type NetworkElement = z.infer<typeof networkElementSchema>;
export type WorkloadElement = z.infer<typeof workloadElementSchema>;
export type TopologyElement = z.infer<typeof elementSchema>;
export type ElementKind = TopologyElement["kind"];
export type HostSideElement = BridgeElement | ParentElement | HostDeviceElement;
export type TopologyLink = z.infer<typeof linkSchema>;
export type Finding = z.infer<typeof findingSchema>;
export type Topology = z.infer<typeof topologySchema>;
