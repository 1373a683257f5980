import { labelsOf } from "../k8s/label-selector";
import type { KubeObject } from "../k8s/objects";
import { controllerReference } from "../k8s/owner";
import { isObject, type JsonObject, str } from "../result";
import { sha256Hex } from "./sha256";

// KubeVirt (kubevirt.io/v1). A VM runs in a virt-launcher pod labelled kubevirt.io=virt-launcher,
// kubevirt.io/domain=<VMI name> and, when a VirtualMachine owns the VMI, vm.kubevirt.io/name=<VM name>. Its
// networks (spec.networks: pod, or multus with networkName) back the interfaces of the same name
// (spec.domain.devices.interfaces). Each secondary Multus network becomes a pod interface named by
// kubevirt/kubevirt pkg/network/namescheme: "pod" + the first 11 hex digits of SHA-256 of the network's name
// (GenerateHashedInterfaceName, KubeVirt 1.0+), the same without "pod" in some earlier releases, or net1, net2, ...
// in the order of the Multus networks (the ordinal scheme of older releases, still used for a pod that has one).
// A Multus network marked default: true, and the pod network, are eth0. The VMI's status.interfaces name the pod
// interface too (podInterfaceName) where KubeVirt reports it; status.migrationState names a migration's pods.

export const LAUNCHER_LABEL = "kubevirt.io";
const DOMAIN_LABEL = "kubevirt.io/domain";
const VM_NAME_LABEL = "vm.kubevirt.io/name";

export interface VmNetwork {
  /** the VM's network name, which is also its interface's name */
  name: string;
  /** namespace/name of the NAD (multus), or null for the pod network */
  nad: string | null;
  /** the pod's primary interface (pod network, or a Multus default) */
  primary: boolean;
}

export interface Vmi {
  namespace: string;
  name: string;
  networks: VmNetwork[];
  /** pod interface name → VM interface name, from status.interfaces[].podInterfaceName */
  reported: Map<string, string>;
  sourcePod?: string;
  targetPod?: string;
  problems: string[];
}

/**
 * A virt-launcher pod's VM: the VMI it runs (its controller, else kubevirt.io/domain) and the VM's name
 * (vm.kubevirt.io/name, else the VMI's, as a VM and its VMI share their name).
 */
export function launcherOf(pod: KubeObject): { vmi: string; vm: string } | null {
  const labels = labelsOf(pod.metadata);
  if (labels[LAUNCHER_LABEL] !== "virt-launcher") return null;
  // Its controller is the VMI (what virt-controller writes); the labels when the owner was not kept.
  const owner = controllerReference(pod.metadata);
  const byOwner = owner?.kind === "VirtualMachineInstance" ? str(owner.name) : undefined;
  const vmi = byOwner ?? labels[DOMAIN_LABEL] ?? labels[VM_NAME_LABEL];
  if (!vmi) return null;
  return { vmi, vm: labels[VM_NAME_LABEL] ?? vmi };
}

/** The networks of a VMI spec (or a VM's template spec). */
export function readVmNetworks(spec: unknown, namespace: string, problems: string[]): VmNetwork[] {
  if (!isObject(spec) || spec.networks === undefined) return [];
  if (!Array.isArray(spec.networks)) {
    problems.push("spec.networks is not a list");
    return [];
  }
  return spec.networks.flatMap((n): VmNetwork[] => {
    const name = isObject(n) ? str(n.name) : undefined;
    if (!isObject(n) || !name) {
      problems.push("spec.networks has an entry without a name");
      return [];
    }
    if (isObject(n.multus)) {
      const ref = str(n.multus.networkName);
      if (!ref) {
        problems.push(`network ${name}: multus.networkName is missing`);
        return [];
      }
      return [{ name, nad: ref.includes("/") ? ref : `${namespace}/${ref}`, primary: n.multus.default === true }];
    }
    return [{ name, nad: null, primary: true }];
  });
}

/** Reads a VirtualMachineInstance; a VirtualMachine is read through its template (its VMI may not be readable). */
export function readVmi(o: KubeObject): Vmi | null {
  if (o.kind !== "VirtualMachineInstance" && o.kind !== "VirtualMachine") return null;
  const problems: string[] = [];
  const namespace = o.metadata.namespace ?? "default";
  const spec = vmiSpecOf(o);
  const networks = readVmNetworks(spec, namespace, problems);
  const reported = new Map<string, string>();
  const status = isObject(o.status) ? o.status : {};
  if (o.kind === "VirtualMachineInstance" && Array.isArray(status.interfaces))
    for (const i of status.interfaces) {
      const pod = isObject(i) ? str(i.podInterfaceName) : undefined;
      const name = isObject(i) ? str(i.name) : undefined;
      if (pod && name) reported.set(pod, name);
    }
  const mig: JsonObject = isObject(status.migrationState) ? status.migrationState : {};
  const done = mig.completed === true || mig.failed === true;
  const sourcePod = done ? undefined : str(mig.sourcePod);
  const targetPod = done ? undefined : str(mig.targetPod);
  return {
    namespace,
    name: o.metadata.name,
    networks,
    reported,
    ...(sourcePod ? { sourcePod } : {}),
    ...(targetPod ? { targetPod } : {}),
    problems,
  };
}

function vmiSpecOf(o: KubeObject): unknown {
  if (o.kind === "VirtualMachineInstance") return o.spec;
  const spec = isObject(o.spec) ? o.spec : {};
  return isObject(spec.template) ? spec.template.spec : undefined;
}

export const hashedName = (network: string): string => `pod${sha256Hex(network).slice(0, 11)}`;

/**
 * Pod interface name → VM interface (network) name, as KubeVirt names them: the ordinal scheme when the pod has an
 * interface named net<N>, else the hashed one (with and without the "pod" prefix); eth0 is the primary network.
 */
export function derivedInterfaceNames(
  networks: readonly VmNetwork[],
  podInterfaces: readonly string[],
): Map<string, string> {
  const out = new Map<string, string>();
  const secondary = networks.filter((n) => n.nad !== null && !n.primary);
  const ordinal = podInterfaces.some((i) => /^net\d+$/.test(i));
  secondary.forEach((n, i) => {
    if (ordinal) out.set(`net${i + 1}`, n.name);
    else {
      const hashed = hashedName(n.name);
      out.set(hashed, n.name);
      out.set(hashed.slice(3), n.name);
    }
  });
  const primary = networks.find((n) => n.primary);
  if (primary) out.set("eth0", primary.name);
  return out;
}
