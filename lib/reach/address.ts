import type { KubeObject } from "../k8s/objects";
import { NETWORK_STATUS_ANNOTATION } from "../pod/annotations";
import { parseNetworkStatus } from "../pod/network-status";
import type { ProbeStage } from "../probes/pod-state";

/**
 * The probe's address on the network, from its network-status annotation: there (the address), not yet (why),
 * or never (why): attached without an address, or not attached at all.
 */
export function probeAddress(
  pod: KubeObject,
  stage: ProbeStage,
  ifname: string,
): { ok: true; address: string } | { wait: string } | { fail: string } {
  if (stage.stage === "image" || stage.stage === "failed") return { fail: stage.reason };
  if (stage.stage !== "running" && stage.stage !== "done") return { wait: stage.reason };
  const raw = pod.metadata.annotations?.[NETWORK_STATUS_ANNOTATION];
  if (raw === undefined) return { wait: "waiting for Multus's network-status annotation" };
  const parsed = parseNetworkStatus(raw);
  if (!parsed.ok) return { fail: `network-status cannot be read: ${parsed.error}` };
  const entry = parsed.value.find((s) => s.interface === ifname);
  if (!entry)
    return {
      fail: `${ifname} is not attached (network-status lists ${parsed.value.map((s) => s.interface ?? s.name).join(", ") || "nothing"})`,
    };
  const address =
    entry.ips.map((ip) => ip.split("/")[0] ?? ip).find((ip) => ip.includes(".")) ?? entry.ips[0]?.split("/")[0];
  if (!address) return { fail: `${ifname} is attached without an address: the network's IPAM gave none` };
  return { ok: true, address };
}
