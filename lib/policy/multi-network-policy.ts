import { type LabelSelector, readLabelSelector, selectorText } from "../k8s/label-selector";
import type { KubeObject } from "../k8s/objects";
import { isObject, preview } from "../result";

// MultiNetworkPolicy, k8s.cni.cncf.io/v1beta1 (k8snetworkplumbingwg/multi-networkpolicy, the CRD vendored in
// testing/testbed/crds): a NetworkPolicy for secondary networks. Its spec is NetworkPolicy's (podSelector,
// policyTypes, ingress, egress); the networks it applies to are named in the annotation
// k8s.v1.cni.cncf.io/policy-for, a comma list of [namespace/]name of NADs (no namespace: the policy's own).

export const POLICY_FOR = "k8s.v1.cni.cncf.io/policy-for";

export interface MultiNetworkPolicy {
  namespace: string;
  name: string;
  /** namespace/name of each NAD it applies to */
  networks: string[];
  podSelector: LabelSelector | null;
  types: string[];
  ingressRules: number;
  egressRules: number;
  problems: string[];
}

function ruleCount(v: unknown, key: string, problems: string[]): number {
  if (v === undefined || v === null) return 0;
  if (!Array.isArray(v)) {
    problems.push(`spec.${key} is not a list: ${preview(v)}`);
    return 0;
  }
  return v.length;
}

/** Reads a MultiNetworkPolicy; anything malformed is a problem (the policy is still listed), never an exception. */
export function readMultiNetworkPolicy(o: KubeObject): MultiNetworkPolicy {
  const problems: string[] = [];
  const namespace = o.metadata.namespace ?? "default";
  const spec = isObject(o.spec) ? o.spec : {};
  if (!isObject(o.spec)) problems.push("spec is missing");
  const forText = o.metadata.annotations?.[POLICY_FOR];
  const networks =
    typeof forText === "string"
      ? forText
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
          .map((n) => (n.includes("/") ? n : `${namespace}/${n}`))
      : [];
  if (networks.length === 0)
    problems.push(`it has no ${POLICY_FOR} annotation naming a network, so it applies to none`);
  if (spec.podSelector === undefined) problems.push("spec.podSelector is missing");
  const podSelector = readLabelSelector(spec.podSelector, problems, "spec.podSelector");
  const ingressRules = ruleCount(spec.ingress, "ingress", problems);
  const egressRules = ruleCount(spec.egress, "egress", problems);
  let types: string[];
  if (Array.isArray(spec.policyTypes)) {
    types = spec.policyTypes.flatMap((t) => (t === "Ingress" || t === "Egress" ? [t] : []));
    if (types.length !== spec.policyTypes.length) problems.push(`spec.policyTypes has ${preview(spec.policyTypes)}`);
  } else {
    // NetworkPolicy's default: Ingress always, Egress when it has egress rules.
    types = egressRules > 0 ? ["Ingress", "Egress"] : ["Ingress"];
  }
  return { namespace, name: o.metadata.name, networks, podSelector, types, ingressRules, egressRules, problems };
}

/** What a policy cuts off entirely: a policy type with no rule lets nothing of that direction through. */
export function isolation(p: MultiNetworkPolicy): string | null {
  const cut = [
    p.types.includes("Ingress") && p.ingressRules === 0 ? "all ingress" : null,
    p.types.includes("Egress") && p.egressRules === 0 ? "all egress" : null,
  ].filter((x) => x !== null);
  return cut.length ? cut.join(" and ") : null;
}

export const podSelectorText = (p: MultiNetworkPolicy): string => selectorText(p.podSelector, "all pods");
