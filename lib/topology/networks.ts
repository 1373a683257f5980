import { networkId, refOf } from "../contract/ids";
import type { NetworkElement } from "../contract/schema";
import { annotation, type KubeObject } from "../k8s/objects";
import { type NadConfig, parseNadConfig } from "../nad/parse-config";
import { validateNadConfig } from "../nad/validate-config";
import { isOperatorOwned, parseAdditionalNetworks } from "../openshift/operator-network";
import { RESOURCE_NAME_ANNOTATION } from "../plugins/sriov";
import { isObject, str } from "../result";
import type { BuildContext } from "./context";
import { type ClusterExtras, emptyExtras } from "./extras";
import { decorateNetwork, ownedNads, udnFindings } from "./ovn-networks";

export interface NetworkEntry {
  element: NetworkElement;
  /** null when spec.config does not parse */
  config: NadConfig | null;
}

export function addNetworks(
  ctx: BuildContext,
  nads: readonly KubeObject[],
  operatorNetwork: KubeObject | null,
  extras: ClusterExtras = emptyExtras(),
): Map<string, NetworkEntry> {
  const byKey = new Map<string, NetworkEntry>();
  const operatorEntries = operatorNetwork ? parseAdditionalNetworks(operatorNetwork.spec) : [];
  const operatorKeys = new Set(operatorEntries.map((e) => refOf(e)));
  const rendered = ownedNads(nads);
  for (const f of extras.findings) ctx.findings.push(f);

  for (const nad of nads) {
    const namespace = nad.metadata.namespace ?? "default";
    const key = `${namespace}/${nad.metadata.name}`;
    const id = networkId(namespace, nad.metadata.name);
    const rawConfig = isObject(nad.spec) ? (str(nad.spec.config) ?? "") : "";
    const parsed = parseNadConfig(rawConfig);
    const config = parsed.ok ? parsed.value : null;
    const resourceName = annotation(nad, RESOURCE_NAME_ANNOTATION);
    const element: NetworkElement = {
      id,
      kind: "network",
      name: nad.metadata.name,
      parent: null,
      provenance: "observed",
      namespace,
      cniType: config?.cniType ?? null,
      mainType: config?.mainType ?? null,
      ipam: config?.ipam ?? null,
      plugins: config?.plugins ?? [],
      rawConfig,
      managedBy: isOperatorOwned(nad.metadata) || operatorKeys.has(key) ? "cluster-network-operator" : null,
      ...pick(config, ["bridge", "master", "device", "vlan", "mtu", "mode"]),
      ...(resourceName ? { resourceName } : {}),
    };
    if (element.mainType === "host-device" && !element.device) {
      element.device = config?.hwaddr ?? config?.pciBusID ?? config?.kernelpath;
    }
    decorateNetwork(element, nad, config, extras, rendered);
    ctx.add(element);
    byKey.set(key, { element, config });
    if (!parsed.ok) {
      ctx.finding("error", "nad-invalid-config", `NAD ${key}: ${parsed.error}. Pods that request it will not start.`, [
        id,
      ]);
    } else {
      for (const problem of parsed.value.problems) {
        ctx.finding("warning", "nad-invalid-config", `NAD ${key}: ${problem}`, [id]);
      }
      // The same validation the network forms apply, so a config made by any means is judged alike.
      for (const issue of validateNadConfig(parsed.value, nad.metadata.name)) {
        const code = issue.field === "name" ? "nad-name-mismatch" : "nad-invalid-config";
        const effect = issue.severity === "error" ? ". Pods that request it will not start." : "";
        ctx.finding(issue.severity, code, `NAD ${key}: ${issue.message}${effect}`, [id]);
      }
    }
  }

  udnFindings(extras, byKey, (severity, code, message, elements) => ctx.finding(severity, code, message, elements));
  for (const entry of operatorEntries) {
    const key = refOf(entry);
    const rendered = entry.config ? parseNadConfig(entry.config) : null;
    const problem = entry.problem ?? (rendered && !rendered.ok ? rendered.error : undefined);
    if (problem) {
      const on = byKey.has(key) ? [networkId(entry.namespace, entry.name)] : [];
      ctx.finding("error", "operator-network-invalid", `additionalNetworks entry ${key}: ${problem}`, on);
    }
    if (!byKey.has(key)) {
      ctx.finding(
        "warning",
        "operator-network-pending",
        `The Cluster Network Operator has not rendered ${key} as a NAD (yet): check the operator's status`,
        [],
      );
    }
  }
  return byKey;
}

function pick<K extends keyof NadConfig>(config: NadConfig | null, keys: K[]): Partial<Pick<NadConfig, K>> {
  const out: Partial<Pick<NadConfig, K>> = {};
  if (!config) return out;
  for (const k of keys) if (config[k] !== undefined) out[k] = config[k];
  return out;
}

/** The bridge names some network attaches its pods to. */
export function usedBridges(networks: Map<string, NetworkEntry>): Set<string> {
  const names = new Set<string>();
  for (const { config } of networks.values()) if (config?.mainType === "bridge") names.add(config.bridge ?? "cni0");
  return names;
}
