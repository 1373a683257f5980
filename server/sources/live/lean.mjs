// The live source's trimming of what it keeps, in plain JavaScript (typed by lean.d.mts): one source for the server's
// code (a watch's objects, a List's items: credentials.ts, list-fn.ts, early-lists.ts) and the preload's thread,
// which trims the first Lists' items before they reach the server's thread (early-preload-lists.mjs), where nothing
// but plain JavaScript has loaded.
import { controllerReference } from "../../../lib/k8s/controller-reference.mjs";

/** Pod annotations the topology reads: Multus's own (networks, network-status and its deprecated spelling). */
const MULTUS_ANNOTATION = "k8s.v1.cni.cncf.io/";

const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet"]);
const isLoose = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

function pickFields(from, keys) {
  if (!isLoose(from)) return undefined;
  const out = {};
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k];
  return out;
}

/**
 * Cuts an object down, in place, to what the topology and the server read, as it arrives from a list or a watch:
 * 20,000 pods then hold their Multus annotations, labels, controller, node name, phase and pod IPs, not their container specs,
 * managedFields and conditions. resourceVersion stays (the informer compares it on relist).
 */
export function leanInPlace(obj, kind) {
  // The informer's own object: trimmed where it is stored.
  const raw = obj;
  if (!isLoose(raw)) return;
  const md = raw.metadata;
  if (isLoose(md)) {
    delete md.managedFields;
    if (kind === "Pod") {
      if (isLoose(md.annotations)) {
        const kept = Object.entries(md.annotations).filter(([k]) => k.startsWith(MULTUS_ANNOTATION));
        md.annotations = Object.fromEntries(kept);
      }
      // What ties a pod to its workload: the controller reference, and the labels (a workload's selector picks a
      // pod without owners; pod-template-hash names its ReplicaSet). Labels are small: a few per pod.
      const controller = controllerReference(md);
      md.ownerReferences = controller
        ? [pickFields(controller, ["apiVersion", "kind", "name", "uid", "controller"])]
        : undefined;
      delete md.generateName;
    } else if (WORKLOADS.has(kind)) {
      md.annotations = undefined;
      md.labels = undefined;
    }
  }
  switch (kind) {
    case "Pod":
      raw.spec = leanPodSpec(raw.spec);
      raw.status = pickFields(raw.status, ["phase", "podIPs"]);
      break;
    case "Node":
      delete raw.spec;
      raw.status = pickFields(raw.status, ["addresses"]);
      break;
    case "Deployment":
    case "StatefulSet":
    case "DaemonSet":
      raw.spec = leanWorkloadSpec(raw.spec);
      delete raw.status;
      break;
    // A VM: its networks and what its status says of its interfaces and a migration; not its disks or domain.
    case "VirtualMachineInstance":
      raw.spec = pickFields(raw.spec, ["networks"]);
      raw.status = pickFields(raw.status, ["interfaces", "migrationState"]);
      break;
    case "VirtualMachine": {
      const spec = isLoose(raw.spec) ? raw.spec : {};
      const template = isLoose(spec.template) ? spec.template : {};
      raw.spec = { template: { spec: pickFields(template.spec, ["networks"]) } };
      delete raw.status;
      break;
    }
    case "Namespace":
      delete raw.spec;
      delete raw.status;
      break;
    case "NodeNetworkState": {
      const status = pickFields(raw.status, ["currentState", "lastSuccessfulUpdateTime"]);
      if (status && isLoose(status.currentState))
        status.currentState = pickFields(status.currentState, ["interfaces", "ovn"]);
      raw.status = status;
      break;
    }
  }
}

/** A pod's node, and its containers' resource requests and limits (the SR-IOV check reads them); nothing else. */
function leanPodSpec(spec) {
  const out = pickFields(spec, ["nodeName"]);
  if (!out || !isLoose(spec)) return out;
  for (const key of ["containers", "initContainers"]) {
    const list = spec[key];
    if (!Array.isArray(list)) continue;
    out[key] = list.flatMap((c) => (isLoose(c) ? [pickFields(c, ["name", "resources"]) ?? {}] : []));
  }
  return out;
}

/** A workload's replicas, selector and its pod template's Multus annotations: what its topology element reads. */
function leanWorkloadSpec(spec) {
  const out = pickFields(spec, ["replicas", "selector"]);
  if (!out || !isLoose(spec) || !isLoose(spec.template) || !isLoose(spec.template.metadata)) return out;
  const annotations = spec.template.metadata.annotations;
  if (!isLoose(annotations)) return out;
  const kept = Object.entries(annotations).filter(([k]) => k.startsWith(MULTUS_ANNOTATION));
  out.template = { metadata: { annotations: Object.fromEntries(kept) } };
  return out;
}
