import type { KubeObject } from "../k8s/objects";
import { NETWORK_STATUS_ANNOTATION, NETWORKS_ANNOTATION } from "../pod/annotations";

export interface SyntheticOptions {
  nodes: number;
  pods: number;
  nads: number;
  /** deterministic: the same options give the same cluster */
  seed?: number;
}

/** A small PRNG (mulberry32), so generated clusters are reproducible without a dependency. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (n: number) => n.toString(16).padStart(2, "0");
const mac = (a: number, b: number, c: number) =>
  `02:00:${hex(a & 255)}:${hex(b & 255)}:${hex((c >> 8) & 255)}:${hex(c & 255)}`;

const TYPES = ["bridge", "macvlan", "ipvlan", "vlan", "host-device"] as const;

/**
 * A cluster of the given size, shaped like a real one: every node has NodeNetworkState with two data NICs,
 * NADs of every main type spread over namespaces, and pods that each request one or two networks and have
 * their network-status written as Multus would. Host-device NADs are few so devices are not oversubscribed.
 */
export function syntheticCluster(opts: SyntheticOptions): KubeObject[] {
  const rand = rng(opts.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const objects: KubeObject[] = [];
  const namespaces = Array.from({ length: Math.max(1, Math.ceil(opts.nads / 4)) }, (_, i) => `team-${i + 1}`);
  const nodeNames = Array.from({ length: opts.nodes }, (_, i) => `node-${String(i + 1).padStart(3, "0")}`);

  for (const [i, name] of nodeNames.entries()) {
    objects.push({
      apiVersion: "v1",
      kind: "Node",
      metadata: { name },
      status: { addresses: [{ type: "InternalIP", address: `10.0.${i >> 8}.${i & 255}` }] },
    });
    objects.push({
      apiVersion: "nmstate.io/v1beta1",
      kind: "NodeNetworkState",
      metadata: { name },
      status: {
        lastSuccessfulUpdateTime: "2026-11-27T09:00:00Z",
        currentState: {
          interfaces: [
            { name: "eth0", type: "ethernet", state: "up", "mac-address": mac(1, i, 0), mtu: 1500 },
            { name: "ens8", type: "ethernet", state: "up", "mac-address": mac(8, i, 0), mtu: 9000 },
            { name: "ens9", type: "ethernet", state: "up", "mac-address": mac(9, i, 0), mtu: 1500 },
            { name: "br-data", type: "linux-bridge", state: "up", mtu: 1500, bridge: { port: [{ name: "ens9" }] } },
          ],
        },
      },
    });
  }

  const nads = Array.from({ length: opts.nads }, (_, i) => {
    const type = i === 0 ? "host-device" : (TYPES[i % 4] ?? "bridge");
    const namespace = namespaces[i % namespaces.length] ?? "team-1";
    const name = `${type}-net-${i + 1}`;
    const subnet = `172.${16 + (i >> 8)}.${i & 255}`;
    const ipam = { type: "whereabouts", range: `${subnet}.0/24` };
    const config: Record<string, unknown> = { cniVersion: "0.3.1", name, type, ipam };
    if (type === "bridge") config.bridge = i % 8 === 0 ? "br-data" : `br${i}`;
    if (type === "macvlan" || type === "ipvlan") config.master = "ens9";
    if (type === "vlan") Object.assign(config, { master: "ens9", vlanId: 100 + i });
    if (type === "host-device") config.device = "ens8";
    objects.push({
      apiVersion: "k8s.cni.cncf.io/v1",
      kind: "NetworkAttachmentDefinition",
      metadata: { name, namespace },
      spec: { config: JSON.stringify(config) },
    });
    return { name, namespace, type, subnet, next: 10 };
  });
  for (const ns of namespaces) objects.push({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });

  const hostDeviceTaken = new Set<string>();
  for (let p = 0; p < opts.pods; p++) {
    const node = nodeNames[p % nodeNames.length] ?? "node-001";
    const first = pick(nads.filter((n) => n.type !== "host-device" || !hostDeviceTaken.has(node)));
    const namespace = first.namespace;
    const sameNs = nads.filter((n) => n.namespace === namespace && n !== first && n.type !== "host-device");
    const wanted = rand() < 0.3 && sameNs.length ? [first, pick(sameNs)] : [first];
    if (first.type === "host-device") hostDeviceTaken.add(node);
    const name = `app-${p + 1}`;
    const status = [
      {
        name: "ovn-kubernetes",
        interface: "eth0",
        ips: [`10.128.${p >> 8}.${p & 255}`],
        mac: mac(10, p >> 8, p),
        default: true,
        dns: {},
      },
      ...wanted.map((n, k) => ({
        name: `${n.namespace}/${n.name}`,
        interface: `net${k + 1}`,
        ips: [`${n.subnet}.${(n.next++ % 250) + 2}`],
        mac: mac(20 + k, p >> 8, p),
        dns: {},
      })),
    ];
    objects.push({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name,
        namespace,
        annotations: {
          [NETWORKS_ANNOTATION]: wanted.map((n) => n.name).join(","),
          [NETWORK_STATUS_ANNOTATION]: JSON.stringify(status),
        },
      },
      spec: { nodeName: node, containers: [{ name: "app", image: "registry.example/app:1" }] },
      status: { phase: "Running", podIP: status[0]?.ips[0], podIPs: [{ ip: status[0]?.ips[0] }] },
    });
  }
  return objects;
}
