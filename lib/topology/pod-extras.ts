import { podId } from "../contract/ids";
import type { InterfaceElement, PodElement } from "../contract/schema";
import { labelsOf, selects } from "../k8s/label-selector";
import type { KubeObject } from "../k8s/objects";
import { derivedInterfaceNames, launcherOf } from "../kubevirt/vm";
import type { BuildContext } from "./context";
import type { ClusterExtras } from "./extras";
import type { NetworkEntry } from "./networks";

/** Each namespace's primary OVN-Kubernetes network (a primary UDN's or CUDN's NAD), made once per network map. */
const primaries = new WeakMap<Map<string, NetworkEntry>, Map<string, NetworkEntry>>();
export function primaryNetworkOf(networks: Map<string, NetworkEntry>, namespace: string): NetworkEntry | undefined {
  let byNs = primaries.get(networks);
  if (!byNs) {
    byNs = new Map();
    for (const n of networks.values()) if (n.element.ovn?.role === "primary") byNs.set(n.element.namespace, n);
    primaries.set(networks, byNs);
  }
  return byNs.get(namespace);
}

/**
 * A virt-launcher pod drawn as its VM: the VM's name on the pod, and each pod interface tied to the VM interface
 * (network) it carries: as the VMI's status reports it (podInterfaceName), else derived as KubeVirt names them.
 */
function decorateVm(pod: KubeObject, el: PodElement, ifaces: readonly InterfaceElement[], x: ClusterExtras): void {
  const launcher = launcherOf(pod);
  if (!launcher) return;
  const vmi = x.vmis.get(`${el.namespace}/${launcher.vmi}`);
  const vm = vmi ?? x.vms.get(`${el.namespace}/${launcher.vm}`);
  const migration =
    vmi?.sourcePod === el.name ? ("source" as const) : vmi?.targetPod === el.name ? ("target" as const) : undefined;
  const peerName = migration === "source" ? vmi?.targetPod : migration === "target" ? vmi?.sourcePod : undefined;
  el.vm = {
    name: launcher.vm,
    vmiRead: vmi !== undefined,
    ...(migration ? { migration } : {}),
    ...(peerName ? { peer: podId(el.namespace, peerName) } : {}),
  };
  if (!vm) return;
  const derived = derivedInterfaceNames(
    vm.networks,
    ifaces.map((i) => i.interface),
  );
  const reportedNames = new Set(vmi?.reported.values() ?? []);
  for (const i of ifaces) {
    const reported = vmi?.reported.get(i.interface);
    // A VM interface the VMI ties to a pod interface is not derived onto another (eth0 beside a custom primary).
    const guess = derived.get(i.interface);
    const name = reported ?? (guess && !reportedNames.has(guess) ? guess : undefined);
    if (!name) continue;
    i.vmInterface = name;
    i.vmInterfaceFrom = reported ? "vmi" : "derived";
  }
}

/** The MultiNetworkPolicies that select the pod on each of its interfaces' networks. */
function decoratePolicies(pod: KubeObject, el: PodElement, ifaces: readonly InterfaceElement[], x: ClusterExtras) {
  if (x.policiesByNetwork.size === 0) return;
  const labels = labelsOf(pod.metadata);
  for (const i of ifaces) {
    const on = x.policiesByNetwork.get(i.network) ?? [];
    const mine = on.filter((p) => p.namespace === el.namespace && (!p.podSelector || selects(p.podSelector, labels)));
    if (mine.length) i.policies = mine.map((p) => `${p.namespace}/${p.name}`);
  }
}

export function decoratePod(
  _ctx: BuildContext,
  pod: KubeObject,
  el: PodElement,
  ifaces: readonly InterfaceElement[],
  x: ClusterExtras,
): void {
  decorateVm(pod, el, ifaces, x);
  decoratePolicies(pod, el, ifaces, x);
}
