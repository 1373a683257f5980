"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { networkId } from "@/lib/contract/ids";
import { normalizeForm } from "@/lib/network-form/defaults";
import { pickerNamespaces } from "@/lib/network-form/host-nics";
import type { NetworkFormInput } from "@/lib/network-form/schema";
import { explorerUrl, withContext } from "../form/context-url";
import { PageMessage, PageShell } from "../form/page-shell";
import { useFormData } from "../form/use-form-data";
import { WriteBanner } from "../form/write-banner";
import { useTRPC } from "../trpc";
import { OwnedByUdn } from "../udn-form/owned-by-udn";
import { NetworkForm } from "./network-form";

/** /networks/edit?ns=&name=: the form opens on the network as stored, and saves against that version. */
export function EditNetwork({ context, namespace, name }: { context?: string; namespace?: string; name?: string }) {
  const trpc = useTRPC();
  const { capabilities, topology, input } = useFormData(context);
  const current = useQuery({
    ...trpc.networks.get.queryOptions({ ...input, namespace: namespace ?? "", name: name ?? "" }),
    enabled: !!namespace && !!name && capabilities.data !== undefined && capabilities.data.writes !== "none",
    // Read once per visit: a background refetch would reset the form under the user's hands. Reload re-reads.
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const key = `${namespace}/${name}`;
  const shell = (body: ReactNode) => (
    <PageShell
      context={context}
      title={`Edit ${namespace && name ? key : "network"}`}
      subtitle={
        current.data?.udnOwner
          ? "Rendered by OVN-Kubernetes from a user-defined network."
          : current.data?.managedByOperator
            ? "Rendered by the Cluster Network Operator from its additionalNetworks entry."
            : "Changes replace the NAD's spec.config."
      }
    >
      {body}
    </PageShell>
  );

  if (!namespace || !name)
    return shell(
      <PageMessage tone="bad">
        Which network? Open this page as /networks/edit?ns=&lt;namespace&gt;&amp;name=&lt;name&gt;.
      </PageMessage>,
    );
  if (capabilities.isError)
    return shell(<PageMessage tone="bad">Could not reach the server: {capabilities.error.message}</PageMessage>);
  if (capabilities.data?.writes === "none") {
    return shell(
      <div className="max-w-3xl space-y-3">
        <WriteBanner capabilities={capabilities.data} />
        <p className="text-sm">
          <Link
            className="text-sky-700 underline dark:text-sky-400"
            href={explorerUrl(context, networkId(namespace, name))}
          >
            Back to {key} in the topology
          </Link>
        </p>
      </div>,
    );
  }
  if (current.isError) {
    return shell(
      <PageMessage tone="bad">
        <p>
          Could not open {key}: {current.error.message}
        </p>
        <p className="mt-2">
          <Link className="underline" href={explorerUrl(context)}>
            Back to the topology
          </Link>{" "}
          or{" "}
          <Link className="underline" href={withContext("/networks/new", context)}>
            create a new network
          </Link>
          .
        </p>
      </PageMessage>,
    );
  }
  if (!capabilities.data || topology.isPending || !current.data || current.isFetching)
    return shell(<PageMessage>Reading {key}…</PageMessage>);

  const caps = capabilities.data;
  const { form, resourceVersion, managedByOperator, udnOwner } = current.data;
  if (udnOwner) return shell(<OwnedByUdn owner={udnOwner} nad={key} context={context} />);
  return shell(
    <NetworkForm
      key={`${key}@${resourceVersion ?? ""}`}
      mode="edit"
      // biome-ignore lint/plugin: tRPC's JSON typing makes the schema's `unknown` inputs (vlanId, mtu) optional; formFromConfig sets them
      initial={normalizeForm(form as NetworkFormInput)}
      context={context}
      capabilities={caps}
      topology={topology.data?.topology ?? null}
      namespaces={pickerNamespaces(topology.data?.namespaces ?? [])}
      targetMode={managedByOperator ? "fixed-operator" : "fixed-nad"}
      resourceVersion={resourceVersion ?? undefined}
      onReload={() => void current.refetch()}
    />,
  );
}
