import { fail, isObject, ok, parseJson, type Result, str, strings } from "../result";

/** One entry of the k8s.v1.cni.cncf.io/network-status annotation written by Multus. */
export interface NetworkStatus {
  /** `<ns>/<nad>` for secondary networks, the default network's CNI name for the primary */
  name: string;
  /** the name as Multus 3.x wrote it, without a namespace, once `name` has been given the pod's namespace */
  bareName?: string;
  interface?: string;
  ips: string[];
  mac?: string;
  isDefault: boolean;
  gateway: string[];
  deviceInfo?: { type: string; pciAddress?: string; pfPciAddress?: string };
}

export function parseNetworkStatus(value: string): Result<NetworkStatus[]> {
  const json = parseJson(value);
  if (!json.ok) return json;
  if (!Array.isArray(json.value)) return fail("network-status is not a JSON list");
  const out: NetworkStatus[] = [];
  for (const [i, entry] of json.value.entries()) {
    if (!isObject(entry)) return fail(`entry ${i} is not an object`);
    // Multus writes an empty name for a default network whose CNI config has none (multus-cni issue #640).
    const name = str(entry.name) ?? (entry.default === true && entry.name === "" ? "" : undefined);
    if (name === undefined) return fail(`entry ${i} has no "name"`);
    out.push({
      name,
      interface: str(entry.interface),
      // Multus writes bare addresses, the spec's examples use CIDR: keep what was written.
      ips: strings(entry.ips),
      mac: str(entry.mac),
      isDefault: entry.default === true,
      // Multus writes `gateway`; spec v1.1–v1.3 call it `default-route`.
      gateway: [...new Set([...strings(entry.gateway), ...strings(entry["default-route"])])],
      deviceInfo: parseDeviceInfo(entry["device-info"]),
    });
  }
  return ok(out);
}

function parseDeviceInfo(v: unknown): NetworkStatus["deviceInfo"] {
  if (!isObject(v)) return undefined;
  const type = str(v.type);
  if (!type) return undefined;
  const pci = isObject(v.pci) ? v.pci : {};
  return { type, pciAddress: str(pci["pci-address"]), pfPciAddress: str(pci["pf-pci-address"]) };
}
