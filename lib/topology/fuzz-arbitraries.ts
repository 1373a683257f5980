import fc from "fast-check";

// Kubernetes-shaped objects for the property suite (fuzz.test.ts): mostly well-formed, with names, interface names
// and devices drawn from small pools so that collisions (the interesting cases) happen often, and with any field
// liable to be replaced by something else entirely, as a hand-edited file or a hostile writer might.

const NAMES = ["a", "b", "net1", "br0", "pod-a", "n", "x.y", "", "a/b", "n/bridge/br0", "é", "e\u0301", "__proto__"];
const NAMESPACES = ["demo", "default", "other", "Bad_NS", ""];
const NODES = ["w1", "w2", "w1/bridge/br0", "W3"];
const IFNAMES = ["eth0", "net1", "net2", "net1~2", "net1/x", "a>b", "%41"];
const DEVICES = ["ens3", "ens8", "br0", "br1", "bond0", "a/b", "default-route NIC"];
const CNI_TYPES = [
  "bridge",
  "macvlan",
  "ipvlan",
  "host-device",
  "vlan",
  "sriov",
  "tuning",
  "__proto__",
  "toString",
  "x",
];
const IPAM_TYPES = ["whereabouts", "host-local", "static", "dhcp", "constructor"];
const CIDRS = ["10.1.0.0/24", "10.1.0.7/24", "fd00::/64", "1.2.3.4/99", "10.1.0.0/33", "garbage", "10.1.0.0/30"];
const IPS = ["10.1.0.5", "10.1.0.5/24", "10.1.0.6", "fd00::5", "999.1.1.1", "10.9.9.9", ""];

const oneOf = <T>(values: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...values);

/** A value as a field should hold it, or now and then anything at all (deep nesting included). */
function sometimes<T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 8, arbitrary: good }, { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) });
}

const metadata = (namespaced: boolean) =>
  fc.record(
    {
      name: sometimes(oneOf(NAMES)),
      namespace: namespaced ? sometimes(oneOf(NAMESPACES)) : fc.constant(undefined),
      resourceVersion: fc.oneof(fc.constant(undefined), fc.nat(5).map(String)),
    },
    { requiredKeys: ["name"] },
  );

const range = fc.record(
  {
    range: oneOf(CIDRS),
    range_start: oneOf(IPS),
    range_end: oneOf(IPS),
    exclude: fc.array(oneOf(CIDRS), { maxLength: 3 }),
    subnet: oneOf(CIDRS),
    rangeStart: oneOf(IPS),
  },
  { requiredKeys: [] },
);

const ipam = fc.record({ type: oneOf(IPAM_TYPES) }).chain((base) =>
  fc.record(
    {
      type: fc.constant(base.type),
      range: oneOf(CIDRS),
      range_start: oneOf(IPS),
      ipRanges: fc.array(range, { maxLength: 2 }),
      ranges: fc.array(fc.array(range, { maxLength: 2 }), { maxLength: 2 }),
      addresses: fc.array(fc.record({ address: oneOf(CIDRS) }), { maxLength: 2 }),
    },
    { requiredKeys: ["type"] },
  ),
);

const plugin = fc.record(
  {
    type: sometimes(oneOf(CNI_TYPES)),
    bridge: oneOf(DEVICES),
    master: oneOf(DEVICES),
    device: oneOf(DEVICES),
    vlan: sometimes(fc.integer({ min: -1, max: 5000 })),
    vlanId: sometimes(fc.integer({ min: -1, max: 5000 })),
    mtu: sometimes(fc.integer({ min: 0, max: 70000 })),
    ipam: sometimes(ipam),
  },
  { requiredKeys: ["type"] },
);

const config = fc.oneof(
  { weight: 5, arbitrary: plugin.map((p) => JSON.stringify({ cniVersion: "0.3.1", ...p })) },
  { weight: 2, arbitrary: fc.array(plugin, { maxLength: 3 }).map((plugins) => JSON.stringify({ plugins })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

export const nadArb = fc.record({
  apiVersion: fc.constant("k8s.cni.cncf.io/v1"),
  kind: fc.constant("NetworkAttachmentDefinition"),
  metadata: metadata(true),
  spec: fc.record({ config }),
});

const networkKey = fc.tuple(oneOf(NAMESPACES), oneOf(NAMES)).map(([ns, n]) => `${ns}/${n}`);

const statusEntry = fc.record(
  {
    name: sometimes(fc.oneof(networkKey, oneOf(["ovn-kubernetes", "b"]))),
    interface: sometimes(oneOf(IFNAMES)),
    ips: sometimes(fc.array(oneOf(IPS), { maxLength: 2 })),
    mac: oneOf(["0a:58:0a:01:00:05", "x"]),
    default: fc.boolean(),
    "device-info": fc.record({ type: oneOf(["pci", "vdpa"]), pci: fc.record({ "pf-pci-address": oneOf(DEVICES) }) }),
  },
  { requiredKeys: ["name"] },
);

const request = fc.record(
  { name: oneOf(NAMES), namespace: oneOf(NAMESPACES), interface: oneOf(IFNAMES), ips: fc.array(oneOf(IPS)) },
  { requiredKeys: ["name"] },
);

const networksAnnotation = fc.oneof(
  fc.array(request, { maxLength: 4 }).map((r) => JSON.stringify(r)),
  fc
    .array(fc.tuple(oneOf(NAMES), oneOf(IFNAMES)), { maxLength: 4 })
    .map((l) => l.map(([n, i]) => `${n}@${i}`).join(",")),
  fc.string({ maxLength: 12 }),
);

export const podArb = fc.record({
  apiVersion: fc.constant("v1"),
  kind: fc.constant("Pod"),
  metadata: fc.tuple(metadata(true), networksAnnotation, fc.array(statusEntry, { maxLength: 4 })).map(([m, n, s]) => ({
    ...m,
    annotations: { "k8s.v1.cni.cncf.io/networks": n, "k8s.v1.cni.cncf.io/network-status": JSON.stringify(s) },
  })),
  spec: fc.record({ nodeName: sometimes(oneOf(NODES)) }, { requiredKeys: [] }),
  status: fc.record({ phase: oneOf(["Running", "Pending"]) }),
});

export const nodeArb = fc.record({
  apiVersion: fc.constant("v1"),
  kind: fc.constant("Node"),
  metadata: metadata(false),
});

const nnsInterface = fc.record(
  {
    name: oneOf(DEVICES),
    type: oneOf(["linux-bridge", "ethernet", "bond", "mac-vlan", "vlan", "ovs-bridge"]),
    state: oneOf(["up", "down"]),
    bridge: fc.record({ port: fc.array(fc.record({ name: oneOf(DEVICES) }), { maxLength: 3 }) }),
  },
  { requiredKeys: ["name"] },
);

export const nnsArb = fc.record({
  apiVersion: fc.constant("nmstate.io/v1beta1"),
  kind: fc.constant("NodeNetworkState"),
  metadata: fc.record({ name: oneOf(NODES) }),
  status: sometimes(fc.record({ currentState: fc.record({ interfaces: fc.array(nnsInterface, { maxLength: 5 }) }) })),
});

export const ipPoolArb = fc.record({
  apiVersion: fc.constant("whereabouts.cni.cncf.io/v1alpha1"),
  kind: fc.constant("IPPool"),
  metadata: metadata(true),
  spec: sometimes(
    fc.record({
      range: oneOf(CIDRS),
      allocations: fc.dictionary(
        oneOf(["1", "5", "300", "x"]),
        fc.record({ podref: fc.oneof(networkKey, fc.constant("")), ifname: oneOf(IFNAMES) }),
        { maxKeys: 3 },
      ),
    }),
  ),
});

export const operatorArb = fc.record({
  apiVersion: fc.constant("operator.openshift.io/v1"),
  kind: fc.constant("Network"),
  metadata: fc.record({ name: fc.constantFrom("cluster", "other"), namespace: fc.constantFrom(undefined, "stray") }),
  spec: fc.record({
    additionalNetworks: fc.array(
      fc.record({
        name: oneOf(NAMES),
        namespace: oneOf(NAMESPACES),
        type: oneOf(["Raw", "SimpleMacvlan", "Other"]),
        rawCNIConfig: config,
        simpleMacvlanConfig: fc.record({ master: oneOf(DEVICES), mode: oneOf(["Bridge", "private"]) }),
      }),
      { maxLength: 3 },
    ),
  }),
});

/** A cluster's worth of objects, plus now and then a List wrapper or something that is no object at all. */
export const objectsArb: fc.Arbitrary<unknown[]> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: podArb },
      { weight: 3, arbitrary: nadArb },
      { weight: 1, arbitrary: nodeArb },
      { weight: 1, arbitrary: nnsArb },
      { weight: 1, arbitrary: ipPoolArb },
      { weight: 1, arbitrary: operatorArb },
      { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
    ),
    { maxLength: 12 },
  )
  .chain((objs) =>
    fc.oneof(fc.constant(objs), fc.constant<unknown[]>([{ apiVersion: "v1", kind: "List", items: objs }])),
  );

/** One change to an object: a path chosen by numbers (each reduced modulo the width at its level) and a new value. */
export interface Mutation {
  path: number[];
  value: unknown;
  remove: boolean;
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  path: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
  value: fc.oneof(fc.anything({ maxDepth: 2 }), oneOf(NAMES), oneOf(IFNAMES), oneOf(CIDRS)),
  remove: fc.boolean(),
});
