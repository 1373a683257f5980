import { isObject, str } from "../result";

/**
 * OVN-Kubernetes localnet bridge mappings as kubernetes-nmstate reports them (status.currentState.ovn.bridge-mappings:
 * `[{localnet: physnet, bridge: br-ex}]`, nmstate 2.2+, the "ovn" section of the OpenShift docs' NNCP examples):
 * which OVS bridge each physical network leaves the node by. A mapping without a bridge, or marked absent, maps
 * nothing; garbage is skipped.
 */
export function parseBridgeMappings(currentState: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!isObject(currentState) || !isObject(currentState.ovn)) return out;
  const list = currentState.ovn["bridge-mappings"];
  if (!Array.isArray(list)) return out;
  for (const m of list) {
    if (!isObject(m) || m.state === "absent") continue;
    const localnet = str(m.localnet);
    const bridge = str(m.bridge);
    if (localnet && bridge && !out.has(localnet)) out.set(localnet, bridge);
  }
  return out;
}
