// Plain JavaScript (typed by controller-reference.d.mts), one source for owner.ts's readers and the live source's
// trimming (server/sources/live/lean.mjs), which the preload's thread runs before anything is compiled.

/**
 * The one reading of an object's owner, for every source: its controller, the ownerReference with
 * `controller: true`, as Kubernetes' own controllers read it (a ReplicaSet adopts a matching pod whose owners name
 * no controller). An owner without that flag does not make a pod anyone's: the topology then matches it by
 * selector. The live source keeps only this reference of a pod (server/sources/live/lean.mjs) and the topology
 * reads only it (lib/topology/workloads.ts), so a cluster and a file of the same objects agree.
 */
export function controllerReference(metadata) {
  const refs = metadata.ownerReferences;
  if (!Array.isArray(refs)) return undefined;
  for (const r of refs) if (typeof r === "object" && r !== null && !Array.isArray(r) && r.controller === true) return r;
  return undefined;
}
