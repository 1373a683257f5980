import { hostId, interfaceId } from "../contract/ids";
import type {
  Finding,
  FindingCode,
  HostElement,
  HostSideElement,
  ParentElement,
  Severity,
  TopologyElement,
  TopologyLink,
} from "../contract/schema";
import { boundMessage } from "../findings/bound-message";
import type { NnsInterface } from "../nns/interfaces";

export type HostSideKind = HostSideElement["kind"];

/** Mutable scratch space for one build; nothing outside the builder sees it. */
export class BuildContext {
  readonly elements = new Map<string, TopologyElement>();
  /** by id: one link per pair and kind, however often it is asked for */
  readonly links = new Map<string, TopologyLink>();
  readonly findings: Finding[] = [];
  /** NodeNetworkState interfaces by host name, for hosts that have a report */
  readonly nns = new Map<string, NnsInterface[]>();
  /** the same, by host and interface name (the first of a name wins), so lookups stay O(1) */
  private readonly nnsByName = new Map<string, Map<string, NnsInterface>>();
  /** OVN-Kubernetes localnet bridge mappings (physical network → OVS bridge) by host, for hosts that have a report */
  readonly bridgeMappings = new Map<string, ReadonlyMap<string, string>>();
  /** how many interfaces of one pod already share a name: the next gets `~n` without a linear probe */
  private readonly interfaceCounts = new Map<string, number>();

  /**
   * @param shared elements this build reads but does not hold (a node's shard reads the networks): found by get(),
   *   never in `elements`, so n shards do not each copy n networks in and out
   */
  constructor(private readonly shared?: ReadonlyMap<string, TopologyElement>) {}

  add<T extends TopologyElement>(el: T): T {
    this.elements.set(el.id, el);
    return el;
  }

  get(id: string): TopologyElement | undefined {
    return this.elements.get(id) ?? this.shared?.get(id);
  }

  finding(severity: Severity, code: FindingCode, message: string, elements: string[] = []): void {
    this.findings.push({ severity, code, message: boundMessage(message), elements });
  }

  link(kind: TopologyLink["kind"], source: string, target: string, label?: string): void {
    const id = `${kind}:${source}->${target}`;
    if (this.links.has(id)) return;
    this.links.set(id, label ? { id, kind, source, target, label } : { id, kind, source, target });
  }

  private readonly vlansSeen = new Set<string>();

  /** Records a VLAN on its parent once, in the order first seen. */
  addVlan(point: ParentElement, vlan: number): void {
    const key = `${point.id}\n${vlan}`;
    if (this.vlansSeen.has(key)) return;
    this.vlansSeen.add(key);
    point.vlans.push(vlan);
  }

  setNns(host: string, interfaces: NnsInterface[]): void {
    this.nns.set(host, interfaces);
    const byName = new Map<string, NnsInterface>();
    // An OVS bridge and its internal port share a name (br-ex twice: ovs-bridge and ovs-interface): the bridge wins.
    for (const i of interfaces) if (!byName.has(i.name) || i.type === "ovs-bridge") byName.set(i.name, i);
    this.nnsByName.set(host, byName);
  }

  /** An id for a pod's interface that no other interface has: garbage in (two entries of one name) gets `~2`, `~3`. */
  interfaceId(pod: string, ifname: string): string {
    const base = interfaceId(pod, ifname);
    if (!this.elements.has(base)) return base;
    const n = (this.interfaceCounts.get(base) ?? 1) + 1;
    this.interfaceCounts.set(base, n);
    // `~` is escaped inside names (idPart), so no literal interface name can end up as this id.
    return `${base}~${n}`;
  }

  host(name: string): HostElement {
    const id = hostId(name);
    const existing = this.elements.get(id);
    if (existing?.kind === "host") return existing;
    // A host known only because a pod runs on it (no Node object readable): inferred.
    return this.add<HostElement>({
      id,
      kind: "host",
      name,
      parent: null,
      provenance: "inferred",
      linksObserved: false,
      addresses: [],
      interfaces: [],
    });
  }

  nnsInterface(host: string, device: string): NnsInterface | undefined {
    return this.nnsByName.get(host)?.get(device);
  }
}
