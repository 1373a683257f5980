"use client";

import type { ReactNode } from "react";
import { parseWorkloadKey } from "@/lib/k8s/workloads";
import { pickerNamespaces } from "@/lib/network-form/host-nics";
import { PageMessage, PageShell } from "../form/page-shell";
import { useFormData } from "../form/use-form-data";
import { AttachForm } from "./attach-form";
import { type AttachFormInput, emptyEntry } from "./types";

/** /networks/attach: add networks to a workload's pod template. */
export function AttachPage({
  context,
  namespace,
  network,
  workload,
}: {
  context?: string;
  namespace?: string;
  network?: string;
  workload?: string;
}) {
  const { capabilities, topology } = useFormData(context);
  const shell = (body: ReactNode) => (
    <PageShell
      context={context}
      title="Attach networks to a workload"
      subtitle="Adds networks to a Deployment, StatefulSet or DaemonSet's pod template, or takes some out; the others stay as they are."
    >
      {body}
    </PageShell>
  );
  if (capabilities.isError)
    return shell(<PageMessage tone="bad">Could not reach the server: {capabilities.error.message}</PageMessage>);
  if (!capabilities.data || topology.isPending) return shell(<PageMessage>Reading the cluster…</PageMessage>);

  const topo = topology.data?.topology ?? null;
  const known = pickerNamespaces(topology.data?.namespaces ?? []);
  const ns = namespace ?? known[0] ?? "default";
  const namespaces = known.includes(ns) ? known : [ns, ...known];
  // A network named as namespace/name in the pod's own namespace is written bare.
  const ref = network?.startsWith(`${ns}/`) ? network.slice(ns.length + 1) : (network ?? "");
  const picked = parseWorkloadKey(workload ?? "");
  const initial: AttachFormInput = {
    kind: picked?.kind ?? "Deployment",
    namespace: ns,
    name: picked?.name ?? "",
    networks: [{ ...emptyEntry, network: ref }],
    remove: [],
  };
  return shell(
    <AttachForm
      initial={initial}
      namespaces={namespaces}
      context={context}
      capabilities={capabilities.data}
      topology={topo}
    />,
  );
}
