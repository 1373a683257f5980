"use client";

import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { splitRef } from "@/lib/contract/ids";
import { newForm, normalizeForm } from "@/lib/network-form/defaults";
import { pickerNamespaces } from "@/lib/network-form/host-nics";
import type { NetworkFormInput } from "@/lib/network-form/schema";
import { PageMessage, PageShell } from "../form/page-shell";
import { useFormData } from "../form/use-form-data";
import { useTRPC } from "../trpc";
import { KindGuide, type NadTarget } from "../udn-form/kind-guide";
import { NetworkForm } from "./network-form";

/** /networks/new, optionally `?clone=<ns>/<name>` (a copy named <name>-copy) or `?ns=<namespace>` to start in. */
export function NewNetwork({ context, clone, namespace }: { context?: string; clone?: string; namespace?: string }) {
  const trpc = useTRPC();
  const { capabilities, topology, input } = useFormData(context);
  const available = useQuery(trpc.udn.available.queryOptions(input));
  const { namespace: cloneNs, name: cloneName } = splitRef(clone ?? "");
  const source = useQuery({
    ...trpc.networks.get.queryOptions({ ...input, namespace: cloneNs, name: cloneName }),
    enabled: !!clone,
    staleTime: Infinity,
    retry: false,
  });

  const openshift = capabilities.data?.openshift ?? false;
  // What the form will write, shared by its "Write it as" choice and the guide above it, which lights that one card.
  const [chosen, setChosen] = useState<NadTarget>();
  const target: NadTarget = chosen ?? (openshift ? "operator" : "nad");

  const title = clone ? `Clone ${clone}` : "New network";
  const subtitle = clone
    ? "A copy to change and save under a new name."
    : "A Multus secondary network pods can ask for by name.";
  const shell = (body: ReactNode) => (
    <PageShell context={context} title={title} subtitle={subtitle}>
      {clone ? null : (
        <KindGuide
          current="nad"
          available={available.data}
          openshift={openshift}
          context={context}
          nadTarget={target}
          onNadTarget={setChosen}
        />
      )}
      {body}
    </PageShell>
  );

  if (capabilities.isError)
    return shell(<PageMessage tone="bad">Could not reach the server: {capabilities.error.message}</PageMessage>);
  if (clone && source.isError)
    return shell(
      <PageMessage tone="bad">
        Could not read {clone} to clone it: {source.error.message}
      </PageMessage>,
    );
  if (!capabilities.data || topology.isPending || (clone && !source.data))
    return shell(<PageMessage>Reading the cluster…</PageMessage>);

  const caps = capabilities.data;
  const topo = topology.data?.topology ?? null;
  const namespaces = pickerNamespaces(topology.data?.namespaces ?? []);
  let initial = newForm(namespace ?? namespaces[0] ?? "default", target);
  if (clone && source.data) {
    // A clone is a create: on OpenShift it starts as an operator entry too (switchable).
    const name = `${cloneName}-copy`.slice(0, 63);
    // biome-ignore lint/plugin: tRPC's JSON typing makes the schema's `unknown` inputs (vlanId, mtu) optional; formFromConfig sets them
    const form = source.data.form as NetworkFormInput;
    initial = { ...normalizeForm(form, { from: cloneName, to: name }), name, target };
  }

  return shell(
    <NetworkForm
      key={clone ?? "new"}
      mode="create"
      initial={initial}
      context={context}
      capabilities={caps}
      topology={topo}
      namespaces={namespaces}
      targetMode={caps.openshift ? "choice" : "hidden"}
      {...(clone ? {} : { target: { value: target, onChange: setChosen } })}
    />,
  );
}
