"use client";

import { useQuery } from "@tanstack/react-query";
import type { NetworkElement } from "@/lib/contract/schema";
import type { HostFit } from "@/lib/graph/placement";
import { cn } from "../cn";
import { Icon } from "../icons";
import { useTRPC } from "../trpc";

const FIT: Record<HostFit, { text: string; tone: string }> = {
  present: { text: "has it", tone: "text-emerald-700 dark:text-emerald-400" },
  "created-on-first-pod": {
    text: "not there yet: the bridge plugin creates it with the first pod",
    tone: "text-slate-600 dark:text-slate-300",
  },
  missing: { text: "missing: a pod here would fail to start", tone: "text-red-700 dark:text-red-400" },
  unknown: { text: "unknown: no NodeNetworkState for this host", tone: "text-slate-500" },
};

/** A network no pod uses yet: its definition and the hosts it can land on, instead of an empty canvas. */
export function EmptyNetwork({
  net,
  context,
  onSelect,
}: {
  net: NetworkElement;
  context: string | undefined;
  onSelect: (id: string) => void;
}) {
  const trpc = useTRPC();
  // The browser holds only this network's view, which has no hosts yet: the server places it over all of them.
  const placement = useQuery(
    trpc.topology.placement.queryOptions({ ...(context ? { context } : {}), network: `${net.namespace}/${net.name}` }),
  ).data;
  const ranges = net.ipam?.ranges.map((r) => r.subnet) ?? [];
  const rows: [string, string | undefined][] = [
    ["type", net.cniType ?? "unknown"],
    ["bridge", net.bridge],
    ["master", net.master],
    ["device", net.device],
    ["VLAN", net.vlan === undefined ? undefined : String(net.vlan)],
    ["IPAM", net.ipam ? `${net.ipam.type}${ranges.length ? `: ${ranges.join(", ")}` : ""}` : "none"],
  ];
  return (
    <div className="h-full overflow-y-auto p-6" data-testid="empty-network">
      <div className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-700 dark:bg-slate-900">
        <div className="flex items-center gap-2">
          <Icon name="network" className="h-5 w-5 text-slate-500" />
          <button
            type="button"
            className="font-mono text-base font-semibold text-sky-700 hover:underline dark:text-sky-400"
            onClick={() => onSelect(net.id)}
          >
            {net.namespace}/{net.name}
          </button>
        </div>
        <p className="mt-1 text-sm font-medium text-slate-700 dark:text-slate-200">
          No pods use it yet. Pods join it by naming it in their k8s.v1.cni.cncf.io/networks annotation.
        </p>
        <dl className="mt-3 grid grid-cols-[6rem_1fr] gap-x-3 gap-y-1 text-sm">
          {rows
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-slate-500">{k}</dt>
                <dd className="font-mono text-slate-800 dark:text-slate-100">{v}</dd>
              </div>
            ))}
        </dl>
        <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">
          {placement?.device ? `Hosts and their ${placement.role} ${placement.device}` : "Hosts"}
        </h3>
        <ul className="mt-1.5 space-y-1 text-sm" data-testid="placement">
          {placement === undefined ? <li className="text-slate-500">Reading the hosts…</li> : null}
          {placement?.hosts.map((h) => (
            <li key={h.name} className="flex items-baseline gap-2" data-fit={h.fit}>
              <Icon name="host" className="h-3.5 w-3.5 shrink-0 self-center text-slate-500" />
              <span className="font-medium">{h.name}</span>
              <span className={cn("text-xs", FIT[h.fit].tone)}>{FIT[h.fit].text}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/** The network of this view is gone (deleted here or elsewhere): say so, instead of "Nothing matches". */
export function RemovedNetwork({ name, onLeave }: { name: string; onLeave: () => void }) {
  return (
    <div className="grid h-full place-items-center p-6 text-center text-sm text-slate-600 dark:text-slate-300">
      <div data-testid="removed-network">
        <p>
          <span className="font-mono font-semibold">{name}</span> is not in the cluster: it was deleted.
        </p>
        <button type="button" className="mt-2 text-sky-700 underline dark:text-sky-400" onClick={onLeave}>
          Show the whole cluster
        </button>
      </div>
    </div>
  );
}
