import { isDnsLabel } from "../k8s/names";
import { fail, isObject, ok, parseJson, type Result, str, strings } from "../result";

/** One entry of a pod's k8s.v1.cni.cncf.io/networks request. */
export interface NetworkRequest {
  namespace: string;
  name: string;
  /** the interface name asked for, if any (`@ifname` or `interface`) */
  interface?: string;
  ips: string[];
  mac?: string;
  defaultRoute: string[];
}

/**
 * Parses both forms: the comma list `[namespace/]name[@ifname]` and the JSON list.
 * Multus treats any value containing `[`, `{` or `"` as JSON.
 */
export function parseNetworksAnnotation(value: string, podNamespace: string): Result<NetworkRequest[]> {
  const text = value.trim();
  if (text === "") return ok([]);
  if (/[[{"]/.test(text)) return parseJsonForm(text, podNamespace);
  const out: NetworkRequest[] = [];
  for (const raw of text.split(",")) {
    const item = raw.trim();
    if (item === "") continue;
    // `name@` is accepted by Multus as name without an interface.
    const m = /^(?:([^/@\s]+)\/)?([^/@\s]+)(?:@([^/@\s]*))?$/.exec(item);
    if (!m) return fail(`"${item}" is not of the form [namespace/]name[@interface]`);
    const [, ns, name, ifname] = m;
    const bad = checkNames(ns, name ?? "");
    if (bad) return fail(bad);
    out.push({
      namespace: ns ?? podNamespace,
      name: name ?? "",
      interface: ifname || undefined,
      ips: [],
      defaultRoute: [],
    });
  }
  return ok(out);
}

function parseJsonForm(text: string, podNamespace: string): Result<NetworkRequest[]> {
  const json = parseJson(text);
  if (!json.ok) return json;
  // Multus unmarshals into a list: a single object makes it fail the pod.
  if (!Array.isArray(json.value)) return fail("is not a JSON list");
  const list = json.value;
  const out: NetworkRequest[] = [];
  for (const [i, entry] of list.entries()) {
    if (!isObject(entry)) return fail(`entry ${i} is not an object`);
    const name = str(entry.name);
    if (!name) return fail(`entry ${i} has no "name"`);
    const ns = str(entry.namespace);
    const bad = checkNames(ns, name);
    if (bad) return fail(`entry ${i}: ${bad}`);
    out.push({
      namespace: ns ?? podNamespace,
      name,
      interface: str(entry.interface),
      ips: strings(entry.ips),
      mac: str(entry.mac),
      defaultRoute: strings(entry["default-route"]),
    });
  }
  return ok(out);
}

function checkNames(ns: string | undefined, name: string): string | null {
  if (!isDnsLabel(name)) return `"${name}" is not a valid network name`;
  if (ns !== undefined && !isDnsLabel(ns)) return `"${ns}" is not a valid namespace`;
  return null;
}

/** Interface names Multus gives requests in order: the asked-for name, else net1, net2, ... by position. */
export function requestedInterfaceNames(requests: readonly NetworkRequest[]): string[] {
  return requests.map((r, i) => r.interface ?? `net${i + 1}`);
}

/**
 * How one entry is named when entries are compared or picked for removal: namespace/name, and @interface when it
 * names one (the topology's workload element and the attach form's `remove` both use it).
 */
export const requestKey = (r: { namespace: string; name: string; interface?: string }): string =>
  `${r.namespace}/${r.name}${r.interface ? `@${r.interface}` : ""}`;
