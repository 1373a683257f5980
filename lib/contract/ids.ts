import type { HostSideElement } from "./schema";

/**
 * Every topology element id is built and read here, nowhere else:
 *   host/<node>                      a host
 *   host/<node>/<kind>/<device>      a point on it (bridge, macvlan-parent, host-device, …)
 *   pod/<namespace>/<name>           a pod
 *   pod/<namespace>/<name>/if/<ifname>[~n]   one of its interfaces (`~n` for the n-th of one name)
 *   network/<namespace>/<name>       a NetworkAttachmentDefinition
 * and a *ref* is how filters, URLs and an interface's `network` name a namespaced object: `<namespace>/<name>`.
 */

/**
 * Names inside ids are escaped where they could fake a separator (`/`), a duplicate suffix (`~`), a link arrow
 * (`>`) or an escape (`%`), so two different objects never share an id. Ordinary names are unchanged. Object names
 * (nodes, pods, namespaces, NADs) need none: the intake stage drops the ones Kubernetes would refuse.
 */
export const idPart = (s: string): string =>
  escapable(s) ? s.replace(/[%/~>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`) : s;

/** Whether a name holds `%`, `/`, `~` or `>`: scanned by hand, the regex's replace ran for every interface and point. */
function escapable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 || c === 0x2f || c === 0x7e || c === 0x3e) return true;
  }
  return false;
}

/** The name `idPart` escaped, as it was. */
export const unescapeIdPart = (s: string): string =>
  s.replace(/%(25|2F|7E|3E)/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

export const hostId = (node: string): string => `host/${node}`;
export const pointId = (node: string, kind: HostSideElement["kind"], device: string): string =>
  `host/${node}/${kind}/${idPart(device)}`;
export const podId = (namespace: string, name: string): string => `pod/${namespace}/${name}`;
export const interfaceId = (pod: string, ifname: string): string => `${pod}/if/${idPart(ifname)}`;
export const networkId = (namespace: string, name: string): string => `network/${namespace}/${name}`;
/** A Deployment, StatefulSet or DaemonSet: the kind is part of the id (a Deployment and a StatefulSet may share a name). */
export const workloadId = (namespace: string, kind: string, name: string): string =>
  `workload/${namespace}/${kind}/${name}`;

/** `<namespace>/<name>` of a namespaced element (a pod, a network). */
export const refOf = (o: { namespace: string; name: string }): string => `${o.namespace}/${o.name}`;

/** A ref read back; a bare name (no namespace) has namespace "". */
export function splitRef(ref: string): { namespace: string; name: string } {
  const slash = ref.indexOf("/");
  return slash < 0 ? { namespace: "", name: ref } : { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) };
}

/** The object's own name in a ref, without its namespace. */
export const nameOfRef = (ref: string): string => splitRef(ref).name;

/** The network element a ref (an interface's `network`, a filter) names. */
export const networkIdOfRef = (ref: string): string => `network/${ref}`;
/** The pod element a ref (a filter, a URL) names. */
export const podIdOfRef = (ref: string): string => `pod/${ref}`;

/** The node name of a host id; undefined for any other id (a point on the host included). */
export function hostNameOf(id: string): string | undefined {
  if (!id.startsWith("host/")) return undefined;
  const name = id.slice("host/".length);
  return name.includes("/") ? undefined : name;
}

/** `<namespace>/<name>` of the pod a pod id (or an interface's parent) names. */
export const podRefOf = (id: string): string => id.replace(/^pod\//, "");

/** The pod's own name, without its namespace, from a pod id. */
export const podNameOf = (id: string): string => nameOfRef(podRefOf(id));

/** An interface id read back: its pod's id and its interface name (unescaped); undefined for any other id. */
export function parseInterfaceId(id: string): { pod: string; interface: string } | undefined {
  const parts = id.split("/");
  if (parts.length !== 5 || parts[0] !== "pod" || parts[3] !== "if") return undefined;
  const ifname = (parts[4] ?? "").replace(/~\d+$/, "");
  return { pod: parts.slice(0, 3).join("/"), interface: unescapeIdPart(ifname) };
}

/**
 * How the UI names an interface from its id: "pod-a net1", or "ns/pod-a net1" with the namespace. An id that
 * is not an interface's is shown as it is.
 */
export function interfaceLabel(id: string, withNamespace = false): string {
  const parsed = parseInterfaceId(id);
  if (!parsed) return id;
  return `${withNamespace ? podRefOf(parsed.pod) : podNameOf(parsed.pod)} ${parsed.interface}`;
}
