import type { OvnNetwork, PolicySummary, UdnOwner } from "../contract/ovn";
import type { NetworkElement } from "../contract/schema";
import { selects } from "../k8s/label-selector";
import type { KubeObject } from "../k8s/objects";
import type { NadConfig } from "../nad/parse-config";
import { namespacesFromConditions, selectorLine, type Udn, udnOwnerOf, udnReady } from "../ovn/udn";
import { isolation, podSelectorText } from "../policy/multi-network-policy";
import type { ClusterExtras } from "./extras";

/** The label OVN-Kubernetes puts on the NADs it renders from a UDN or CUDN. */
const RENDERED_LABEL = "k8s.ovn.org/user-defined-network";
/** The label a namespace needs, from its creation, for a primary UDN to be its pods' primary network. */
export const PRIMARY_LABEL = "k8s.ovn.org/primary-user-defined-network";

/** The NADs each UDN/CUDN owns, by owner key: a CUDN's namespaces are where it rendered one. */
export function ownedNads(nads: readonly KubeObject[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const nad of nads) {
    const owner = udnOwnerOf(nad);
    if (owner) out.set(owner.key, [...(out.get(owner.key) ?? []), nad.metadata.namespace ?? "default"]);
  }
  return out;
}

/** The namespaces a UDN or CUDN serves: its own (UDN); a CUDN's by its NADs, its status and its selector. */
function servedNamespaces(u: Udn, rendered: readonly string[], x: ClusterExtras): string[] {
  if (u.kind === "UserDefinedNetwork") return [u.namespace ?? "default"];
  const out = new Set([...rendered, ...namespacesFromConditions(u.conditions)]);
  if (x.namespaces && u.selector) {
    const sel = u.selector;
    for (const [name, labels] of x.namespaces) if (selects(sel, labels)) out.add(name);
  }
  return [...out].sort();
}

/** What the NAD says unlike its owner: OVN-Kubernetes renders it again from the owner, so the edit does not last. */
function drift(u: Udn, ovn: OvnNetwork | undefined, vlan: number | undefined): string[] {
  if (!ovn || u.problems.length) return [];
  const out: string[] = [];
  if (u.topology !== ovn.topology) out.push(`topology (${ovn.topology}, the owner says ${u.topology})`);
  if (u.role !== ovn.role) out.push(`role (${ovn.role}, the owner says ${u.role})`);
  const a = [...ovn.subnets].sort().join(",");
  const b = [...u.subnets].sort().join(",");
  if (u.subnets.length && a !== b) out.push(`subnets (${a || "none"}, the owner says ${b})`);
  if (u.physicalNetwork && ovn.physicalNetwork !== u.physicalNetwork)
    out.push(`physical network (${ovn.physicalNetwork ?? "none"}, the owner says ${u.physicalNetwork})`);
  if (u.vlan !== undefined && vlan !== u.vlan) out.push(`VLAN (${vlan ?? "none"}, the owner says ${u.vlan})`);
  return out;
}

/** The UDN/CUDN a NAD was rendered from, as its details show it; null when it has no such owner. */
function ownerOf(
  nad: KubeObject,
  config: NadConfig | null,
  x: ClusterExtras,
  rendered: Map<string, string[]>,
): UdnOwner | null {
  const ref = udnOwnerOf(nad);
  if (!ref) return null;
  const u = x.udns.get(ref.key);
  if (!u)
    return {
      kind: ref.kind,
      name: ref.name,
      ...(ref.kind === "UserDefinedNetwork" ? { namespace: nad.metadata.namespace ?? "default" } : {}),
      ready: null,
      conditions: [],
      namespaces: rendered.get(ref.key) ?? [],
      found: false,
      unlabelled: [],
      drift: [],
      problems: [],
    };
  const namespaces = servedNamespaces(u, rendered.get(ref.key) ?? [], x);
  const primary = u.role === "primary";
  const labels = x.namespaces;
  const unlabelled =
    primary && labels ? namespaces.filter((n) => labels.has(n) && labels.get(n)?.[PRIMARY_LABEL] === undefined) : [];
  const selector = selectorLine(u);
  return {
    kind: u.kind,
    name: u.name,
    ...(u.namespace ? { namespace: u.namespace } : {}),
    ready: udnReady(u.conditions),
    conditions: u.conditions,
    namespaces,
    ...(selector ? { selector } : {}),
    found: true,
    unlabelled,
    drift: drift(u, config?.ovn, config?.vlan),
    problems: u.problems,
  };
}

/** Adds what OVN-Kubernetes and the policies say of a network to its element. */
export function decorateNetwork(
  element: NetworkElement,
  nad: KubeObject,
  config: NadConfig | null,
  x: ClusterExtras,
  rendered: Map<string, string[]>,
): void {
  if (config?.ovn) element.ovn = config.ovn;
  const owner = ownerOf(nad, config, x, rendered);
  if (owner) element.udn = owner;
  if (owner || nad.metadata.labels?.[RENDERED_LABEL] !== undefined) element.managedBy = "ovn-kubernetes";
  const policies = x.policiesByNetwork.get(`${element.namespace}/${element.name}`) ?? [];
  if (policies.length)
    element.policies = policies.map(
      (p): PolicySummary => ({
        namespace: p.namespace,
        name: p.name,
        types: p.types,
        podSelector: podSelectorText(p),
        ingressRules: p.ingressRules,
        egressRules: p.egressRules,
        isolates: isolation(p),
      }),
    );
}

/**
 * What a UDN or CUDN says of itself, raised where its objects are read (like the operator's entries: a UDN that
 * failed has no NAD to hang a finding on): not ready, selecting no namespace, unreadable, a primary network's
 * namespaces without their label. On its networks when it rendered some.
 */
export function udnFindings(
  x: ClusterExtras,
  networks: ReadonlyMap<string, { element: NetworkElement }>,
  finding: (severity: "error" | "warning", code: UdnCode, message: string, elements: string[]) => void,
): void {
  const byOwner = new Map<string, NetworkElement[]>();
  for (const { element } of networks.values()) {
    const u = element.udn;
    if (!u) continue;
    const key = `${u.kind}/${u.namespace ? `${u.namespace}/` : ""}${u.name}`;
    byOwner.set(key, [...(byOwner.get(key) ?? []), element]);
  }
  for (const [key, u] of x.udns) {
    const els = byOwner.get(key) ?? [];
    const ids = els.map((e) => e.id);
    const what = `${u.kind} ${u.namespace ? `${u.namespace}/` : ""}${u.name}`;
    if (u.problems.length) finding("warning", "udn-invalid", `${what}: ${u.problems.join("; ")}`, ids);
    for (const c of u.conditions.filter((c) => c.status === "False"))
      finding(
        "error",
        "udn-not-ready",
        `${what} is not ready: ${c.type} is False${c.reason ? ` (${c.reason})` : ""}${c.message ? `: ${c.message}` : ""}`,
        ids,
      );
    const served = servedNamespaces(
      u,
      els.map((e) => e.namespace),
      x,
    );
    // Only where the namespaces were read: a file without them says nothing about what the selector matches.
    if (u.kind === "ClusterUserDefinedNetwork" && served.length === 0 && x.namespaces)
      finding(
        "warning",
        "cudn-no-namespace",
        `${what} selects no namespace (namespaceSelector: ${selectorLine(u)}), so no pod can use it`,
        ids,
      );
    const labels = x.namespaces;
    const unlabelled =
      u.role === "primary" && labels
        ? served.filter((n) => labels.has(n) && labels.get(n)?.[PRIMARY_LABEL] === undefined)
        : [];
    if (unlabelled.length)
      finding(
        "error",
        "udn-namespace-unlabelled",
        `${what} is a primary network, but ${unlabelled.join(", ")} ${unlabelled.length === 1 ? "lacks" : "lack"} the label ${PRIMARY_LABEL}: OVN-Kubernetes does not make it the pods' primary network there`,
        ids,
      );
  }
}
type UdnCode = "udn-invalid" | "udn-not-ready" | "cudn-no-namespace" | "udn-namespace-unlabelled";
