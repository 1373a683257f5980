import type { NnsInterface } from "../nns/interfaces";
import type {
  Finding,
  FindingCode,
  HostElement,
  HostSideElement,
  Severity,
  TopologyElement,
  TopologyLink,
} from "./schema";

export type HostSideKind = HostSideElement["kind"];

/** Mutable scratch space for one build; nothing outside the builder sees it. */
export class BuildContext {
  readonly elements = new Map<string, TopologyElement>();
  readonly links: TopologyLink[] = [];
  readonly findings: Finding[] = [];
  /** NodeNetworkState interfaces by host name, for hosts that have a report */
  readonly nns = new Map<string, NnsInterface[]>();

  add<T extends TopologyElement>(el: T): T {
    this.elements.set(el.id, el);
    return el;
  }

  get(id: string): TopologyElement | undefined {
    return this.elements.get(id);
  }

  finding(severity: Severity, code: FindingCode, message: string, elements: string[] = []): void {
    this.findings.push({ severity, code, message, elements });
  }

  link(kind: TopologyLink["kind"], source: string, target: string, label?: string): void {
    this.links.push({ id: `${kind}:${source}->${target}`, kind, source, target, ...(label ? { label } : {}) });
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
    return this.nns.get(host)?.find((i) => i.name === device);
  }
}

export const hostId = (node: string): string => `host/${node}`;
export const pointId = (node: string, kind: HostSideKind, device: string): string => `host/${node}/${kind}/${device}`;
export const podId = (namespace: string, name: string): string => `pod/${namespace}/${name}`;
export const interfaceId = (pod: string, ifname: string): string => `${pod}/if/${ifname}`;
export const networkId = (namespace: string, name: string): string => `network/${namespace}/${name}`;
