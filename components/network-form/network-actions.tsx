"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { type ReactNode, useState } from "react";
import type { InterfaceElement, NetworkElement, Topology } from "@/lib/contract/schema";
import { cn } from "../cn";
import { withContext } from "../form/context-url";
import { DisabledWithReason } from "../form/disabled-reason";
import { useTRPC } from "../trpc";
import { udnViewUrl } from "../udn-form/urls";
import { DeleteDialog } from "./delete-dialog";

const action =
  "inline-flex items-center rounded-md border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50 disabled:hover:bg-white dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800 dark:disabled:hover:bg-slate-900";

/** The pods whose interfaces are on a network, by name. */
function podsOn(net: NetworkElement, topology: Topology): string[] {
  const key = `${net.namespace}/${net.name}`;
  const ids = new Set(
    topology.elements
      .filter((e): e is InterfaceElement => e.kind === "interface" && e.network === key)
      .flatMap((e) => (e.parent ? [e.parent] : [])),
  );
  return topology.elements
    .filter((e) => e.kind === "pod" && ids.has(e.id))
    .map((p) => p.name)
    .sort();
}

/** Edit, Clone, Delete and Attach for the selected network: disabled, with the reason, when the cluster is read-only. */
export function NetworkActions({
  net,
  topology,
  onDeleted,
}: {
  net: NetworkElement;
  topology: Topology;
  onDeleted: () => void;
}) {
  const trpc = useTRPC();
  const context = useSearchParams().get("context") ?? undefined;
  const caps = useQuery(trpc.networks.capabilities.queryOptions(context ? { context } : {}));
  const [confirming, setConfirming] = useState(false);
  const perms = useQuery({
    ...trpc.networks.permissions.queryOptions(
      context ? { context, namespace: net.namespace } : { namespace: net.namespace },
    ),
    enabled: caps.data?.writes === "cluster",
  });
  const readOnly =
    caps.data?.writes === "none"
      ? `${caps.data.readOnlyReason ?? "This cluster is read-only"}: open a live cluster or the demo to change networks`
      : caps.data
        ? null
        : "Checking whether this cluster can be changed…";
  // What the caller's own RBAC allows (SelfSubjectAccessReview), so a control says why it is off before a click.
  const missing = (verb: "create" | "update" | "delete" | "attach"): string | null => {
    const p = perms.data;
    if (!p) return null;
    const check =
      net.managedBy === "cluster-network-operator" && verb !== "attach" && verb !== "create" ? p.operator : p[verb];
    return check.allowed ? null : `You cannot do this: ${check.missing}`;
  };
  const link = (
    label: string,
    href: string,
    title?: string,
    verb: "create" | "update" | "attach" = "update",
  ): ReactNode => {
    const why = readOnly ?? missing(verb);
    return why ? (
      <DisabledWithReason label={label} reason={why} className={action} />
    ) : (
      <Link href={href} className={action} title={title}>
        {label}
      </Link>
    );
  };
  const deleteWhy = readOnly ?? missing("delete");
  const q = { ns: net.namespace, name: net.name };
  return (
    <fieldset className="mb-2 flex min-w-0 flex-wrap gap-1.5" aria-label="Network actions">
      {net.udn
        ? link(
            "Edit",
            udnViewUrl(net.udn, context),
            `OVN-Kubernetes renders this NAD from its ${net.udn.kind}: change the network there`,
          )
        : link(
            "Edit",
            withContext("/networks/edit", context, q),
            net.managedBy === "cluster-network-operator" ? "Edits the Cluster Network Operator's entry" : undefined,
          )}
      {link(
        "Clone",
        withContext("/networks/new", context, { clone: `${net.namespace}/${net.name}` }),
        undefined,
        "create",
      )}
      {deleteWhy ? (
        <DisabledWithReason label="Delete" reason={deleteWhy} className={action} />
      ) : (
        <button
          type="button"
          className={cn(action, "hover:border-red-300 hover:text-red-700 dark:hover:text-red-300")}
          onClick={() => setConfirming(true)}
        >
          Delete
        </button>
      )}
      {link(
        "Attach to a workload…",
        withContext("/networks/attach", context, { ns: net.namespace, network: net.name }),
        undefined,
        "attach",
      )}
      {confirming ? (
        <DeleteDialog
          net={net}
          pods={podsOn(net, topology)}
          context={context}
          onClose={() => setConfirming(false)}
          onDeleted={() => {
            setConfirming(false);
            onDeleted();
          }}
        />
      ) : null}
    </fieldset>
  );
}
