/**
 * Where the API server's refusal of a UDN/CUDN belongs in the form. A 422 names each cause's field as a path in the
 * object (`spec.layer3.subnets[0]`, `spec.network.localnet.physicalNetworkName`); a CEL rule on an object names the
 * object (`spec.layer2`), so its message says which field it is about.
 */

/** A rule on a whole topology section, told by its message (the CRD's messages, ovn-kubernetes v1.1.0). */
function byMessage(message: string, layer3: boolean): string {
  const subnets = layer3 ? "layer3Subnets" : "subnets";
  if (/JoinSubnets/i.test(message)) return "joinSubnets";
  if (/excludeSubnets/i.test(message)) return "excludeSubnets";
  if (/Subnets is required|Subnets must be unset/i.test(message)) return subnets;
  if (/lifecycle/i.test(message)) return "persistentIps";
  if (/ipam\.mode/i.test(message)) return "ipamMode";
  if (/MTU/i.test(message)) return "mtu";
  if (/Subnet|CIDR/i.test(message)) return subnets;
  if (/vlan/i.test(message)) return "vlanId";
  return "topology";
}

const SIMPLE: Record<string, string> = {
  mtu: "mtu",
  role: "role",
  physicalNetworkName: "physicalNetworkName",
  topology: "topology",
  "ipam.mode": "ipamMode",
  "ipam.lifecycle": "persistentIps",
};

/** The form field for one cause of a 422, or null when none fits (the message is then said for the whole form). */
export function udnFieldOf(cause: { field?: string; message?: string }): string | null {
  const field = cause.field ?? "";
  const message = cause.message ?? "";
  if (field.startsWith("metadata.name")) return "name";
  if (field.startsWith("metadata.namespace")) return "namespace";
  if (field.startsWith("spec.namespaceSelector")) return "selectorNamespaces";
  const m = /^spec(?:\.network)?(?:\.(layer2|layer3|localnet))?(?:\.(.*))?$/.exec(field);
  if (!m) return null;
  const section = m[1];
  const rest = m[2] ?? "";
  if (!section) return rest === "" || rest === "topology" || rest.startsWith("layer") ? "topology" : null;
  const layer3 = section === "layer3";
  if (rest === "") return byMessage(message, layer3);
  const simple = SIMPLE[rest];
  if (simple) return simple;
  if (rest === "ipam") return byMessage(message, layer3);
  if (rest.startsWith("vlan")) return "vlanId";
  const item = /^(subnets|joinSubnets|excludeSubnets)(?:\[(\d+)\])?(?:\.(cidr|hostSubnet))?$/.exec(rest);
  if (!item) return null;
  const [, list = "", index, part] = item;
  if (list === "subnets" && layer3) {
    if (index === undefined) return "layer3Subnets";
    return `layer3Subnets.${index}.${part ?? (/HostSubnet/i.test(message) ? "hostSubnet" : "cidr")}`;
  }
  return index === undefined ? list : `${list}.${index}`;
}
