"use client";

import Link from "next/link";
import { cn } from "../cn";
import { withContext } from "../form/context-url";
import type { UdnAvailability } from "./types";
import { udnNewUrl } from "./urls";

type Choice = "nad" | "UserDefinedNetwork" | "ClusterUserDefinedNetwork";
/** How the network form writes a NAD on OpenShift: the NAD itself or the operator's entry. */
export type NadTarget = "nad" | "operator";

/**
 * Which kind of network to create, and when each is the right one: the four ways a secondary (or primary) network
 * comes to be. The two OVN-Kubernetes kinds are offered only where the cluster serves them.
 */
export function KindGuide({
  current,
  available,
  openshift,
  context,
  nadTarget,
  onNadTarget,
}: {
  current: Choice;
  available: UdnAvailability | undefined;
  openshift: boolean;
  context?: string;
  /**
   * On the NAD form on OpenShift, which of the two it will write (its "Write it as" choice): only that card is
   * highlighted, and the other switches the choice. Both lit at once read as if both would be written.
   */
  nadTarget?: NadTarget;
  onNadTarget?: (target: NadTarget) => void;
}) {
  const nadForm = current === "nad";
  const writes = (t: NadTarget) =>
    nadForm && (t === "operator" ? openshift && nadTarget === "operator" : nadTarget !== "operator" || !openshift);
  const switchTo = (t: NadTarget) => (nadForm && openshift && onNadTarget ? () => onNadTarget(t) : undefined);
  const notServed = available?.reason
    ? `Not offered: the ${available.reason}`
    : "Checking whether this cluster serves it…";
  const cards = [
    {
      key: "nad",
      title: "NetworkAttachmentDefinition",
      when: "Any CNI plugin (bridge, macvlan, ipvlan, host-device, SR-IOV…) for one namespace. Choose it for plumbing on the host itself, or where OVN-Kubernetes is not the cluster network.",
      href: withContext("/networks/new", context),
      on: writes("nad"),
      off: null,
      pick: switchTo("nad"),
    },
    {
      key: "cno",
      title: "Cluster Network Operator entry",
      when: "The same NAD, declared in the operator's spec.additionalNetworks: the operator renders it and puts it back if changed. Choose it on OpenShift when networks are cluster configuration.",
      href: withContext("/networks/new", context),
      on: writes("operator"),
      off: openshift ? null : "OpenShift only: this cluster has no operator Network.",
      pick: switchTo("operator"),
    },
    {
      key: "UserDefinedNetwork",
      title: "UserDefinedNetwork",
      when: "An OVN-Kubernetes network (Layer2 or Layer3) of one namespace, as its pods' primary network (isolating the namespace) or a secondary one. No host setup; OVN-Kubernetes renders the NAD.",
      href: udnNewUrl({ kind: "UserDefinedNetwork" }, context),
      on: current === "UserDefinedNetwork",
      off: available?.udn ? null : notServed,
      pick: undefined,
    },
    {
      key: "ClusterUserDefinedNetwork",
      title: "ClusterUserDefinedNetwork",
      when: "One OVN-Kubernetes network shared by the namespaces it selects (pods of several namespaces on one segment), or Localnet: VMs and pods straight onto a physical network and VLAN.",
      href: udnNewUrl({ kind: "ClusterUserDefinedNetwork" }, context),
      on: current === "ClusterUserDefinedNetwork",
      off: available?.cudn ? null : notServed,
      pick: undefined,
    },
  ];
  return (
    <nav aria-label="Kind of network" className="mb-5">
      <h2 className="mb-1.5 text-xs font-medium text-slate-600 dark:text-slate-400">Which kind of network?</h2>
      <ul className="grid grid-cols-2 gap-2 xl:grid-cols-4">
        {cards.map((c) => {
          const body = (
            <>
              <span className="block text-sm font-medium">{c.title}</span>
              <span className="mt-0.5 block text-[11.5px] leading-snug text-slate-600 dark:text-slate-400">
                {c.when}
              </span>
              {c.on && nadForm && openshift && (c.key === "nad" || c.key === "cno") ? (
                <span className="mt-1 block text-[11.5px] leading-snug font-medium text-sky-800 dark:text-sky-300">
                  The form below writes this one (its “Write it as” choice).
                </span>
              ) : null}
              {c.off ? (
                <span className="mt-1 block text-[11.5px] leading-snug font-medium text-amber-700 dark:text-amber-400">
                  {c.off}
                </span>
              ) : null}
            </>
          );
          const frame = cn(
            "flex h-full flex-col justify-start rounded-md border px-3 py-2 transition-colors",
            c.on
              ? "border-sky-500 bg-sky-50 ring-1 ring-sky-500 dark:bg-sky-950/50"
              : "border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900",
          );
          return (
            <li key={c.key} data-testid={`kind-${c.key}`}>
              {c.pick && !c.on ? (
                // The same form, written the other way: a button that flips its "Write it as" choice, not a link.
                <button
                  type="button"
                  onClick={c.pick}
                  className={cn(
                    frame,
                    "w-full text-left hover:border-sky-400 hover:bg-sky-50/50 dark:hover:bg-slate-800",
                  )}
                >
                  {body}
                </button>
              ) : c.on || c.off ? (
                <div className={cn(frame, c.off && !c.on && "opacity-70")} aria-current={c.on ? "page" : undefined}>
                  {body}
                </div>
              ) : (
                <Link
                  href={c.href}
                  className={cn(frame, "hover:border-sky-400 hover:bg-sky-50/50 dark:hover:bg-slate-800")}
                >
                  {body}
                </Link>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
