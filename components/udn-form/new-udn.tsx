"use client";

import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useMemo } from "react";
import { splitRef } from "@/lib/contract/ids";
import { pickerNamespaces } from "@/lib/network-form/host-nics";
import type { UdnKind } from "@/lib/udn-form/fields";
import { completeUdnForm, newUdnForm } from "@/lib/udn-form/schema";
import { PageMessage, PageShell } from "../form/page-shell";
import { useFormData } from "../form/use-form-data";
import { useTRPC } from "../trpc";
import { KindGuide } from "./kind-guide";
import { UdnForm } from "./udn-form";

/** /networks/udn/new?kind=…[&ns=…][&clone=<ns/name or name>]: a new UDN or CUDN, or a copy of one to change. */
export function NewUdn({
  context,
  kind,
  namespace,
  clone,
}: {
  context?: string;
  kind?: UdnKind;
  namespace?: string;
  clone?: string;
}) {
  const trpc = useTRPC();
  const { capabilities, topology, input } = useFormData(context);
  const available = useQuery(trpc.udn.available.queryOptions(input));
  const elements = topology.data?.topology?.elements;
  const nads = useMemo(
    () => (elements ?? []).flatMap((e) => (e.kind === "network" ? [{ namespace: e.namespace, name: e.name }] : [])),
    [elements],
  );
  const chosen: UdnKind =
    kind ?? (available.data?.udn === false && available.data.cudn ? "ClusterUserDefinedNetwork" : "UserDefinedNetwork");
  const ref = clone?.includes("/") ? splitRef(clone) : { namespace: undefined, name: clone ?? "" };
  const source = useQuery({
    ...trpc.udn.get.queryOptions({
      ...input,
      kind: chosen,
      name: ref.name,
      ...(ref.namespace ? { namespace: ref.namespace } : {}),
    }),
    enabled: !!clone,
    staleTime: Infinity,
    retry: false,
  });
  const shell = (body: ReactNode) => (
    <PageShell
      context={context}
      title={clone ? `Clone ${clone}` : "New user-defined network"}
      subtitle="An OVN-Kubernetes network (k8s.ovn.org/v1) pods get as their own or as an extra interface."
    >
      <KindGuide
        current={chosen}
        available={available.data}
        openshift={capabilities.data?.openshift ?? false}
        context={context}
      />
      {body}
    </PageShell>
  );
  if (capabilities.isError)
    return shell(<PageMessage tone="bad">Could not reach the server: {capabilities.error.message}</PageMessage>);
  if (source.isError)
    return shell(
      <PageMessage tone="bad">
        Could not read {clone} to clone it: {source.error.message}
      </PageMessage>,
    );
  if (!capabilities.data || !available.data || topology.isPending || (clone && !source.data))
    return shell(<PageMessage>Reading the cluster…</PageMessage>);
  if (!available.data.udn && !available.data.cudn)
    return shell(
      <PageMessage tone="bad">{available.data.reason ?? "This cluster serves no user-defined networks."}</PageMessage>,
    );
  const namespaces = pickerNamespaces(topology.data?.namespaces ?? []);

  let initial = newUdnForm(chosen, namespace ?? namespaces[0] ?? "default");
  if (source.data) {
    const copied = completeUdnForm(source.data.form);
    initial = { ...copied, name: `${copied.name}-copy`.slice(0, 63) };
  }
  return shell(
    <UdnForm
      key={`${chosen}/${clone ?? ""}`}
      initial={initial}
      context={context}
      capabilities={capabilities.data}
      available={available.data}
      namespaces={namespaces}
      nads={nads}
    />,
  );
}
