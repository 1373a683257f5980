"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { podNameOf } from "@/lib/contract/ids";
import type { PodElement, Topology, WorkloadElement } from "@/lib/contract/schema";
import { summarizeWorkload, workloadOfPod } from "@/lib/graph/workload-summary";
import { withContext } from "../form/context-url";
import { ElementLink, KV, Pill, Section } from "./ui";

const action =
  "inline-flex items-center rounded-md border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800";

/** A workload: its template's networks against each of its pods, and a way to change them. */
export function WorkloadDetails({
  workload: w,
  onSelect,
}: {
  workload: WorkloadElement;
  onSelect: (id: string) => void;
}) {
  const context = useSearchParams().get("context") ?? undefined;
  const s = summarizeWorkload(w);
  const href = withContext("/networks/attach", context, { ns: w.namespace, workload: `${w.workloadKind}/${w.name}` });
  return (
    <>
      <Section title={w.workloadKind}>
        <div className="mb-2 flex gap-1.5">
          <Link href={href} className={action}>
            Change networks…
          </Link>
        </div>
        <KV
          rows={[
            ["name", `${w.namespace}/${w.name}`],
            ["replicas", w.replicas ?? (w.workloadKind === "DaemonSet" ? "one per node" : "not set")],
            [
              "rollout",
              <span key="r" data-testid="workload-line">
                {s.line}
              </span>,
            ],
            ["template error", w.templateError],
          ]}
        />
      </Section>
      <Section title="Template vs running pods">
        <table className="w-full text-xs" data-testid="workload-networks">
          <thead>
            <tr className="text-left text-slate-500">
              <th className="pb-1 pr-3 font-normal">network</th>
              <th className="pb-1 pr-3 font-normal">template</th>
              <th className="pb-1 font-normal">pods with it</th>
            </tr>
          </thead>
          <tbody>
            {s.networks.map((n) => (
              <tr key={n.network} data-network={n.network}>
                <td className="py-0.5 pr-3 font-mono">{n.network}</td>
                <td className="py-0.5 pr-3">
                  {n.inTemplate ? <Pill tone="ok">yes</Pill> : <Pill tone="warn">removed</Pill>}
                </td>
                <td className="py-0.5">
                  {n.pods} of {s.total}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {s.networks.length === 0 ? (
          <p className="text-xs text-slate-500">No secondary network, here or in its pods.</p>
        ) : null}
      </Section>
      <Section title={`Pods (${s.total})`}>
        <ul className="space-y-1 text-xs">
          {w.pods.map((p) => (
            <li key={p.id} className="flex flex-wrap items-baseline gap-x-2" data-testid="workload-pod">
              <ElementLink id={p.id} label={podNameOf(p.id)} onSelect={onSelect} />
              {p.current ? <Pill tone="ok">current</Pill> : <Pill tone="warn">pending rollout</Pill>}
              <span className="font-mono text-slate-500">{p.networks.join(", ") || "no secondary network"}</span>
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}

/** On a pod's details: the workload it belongs to, and whether it still waits for that workload's rollout. */
export function PodWorkload({
  pod,
  topology,
  onSelect,
}: {
  pod: PodElement;
  topology: Topology;
  onSelect: (id: string) => void;
}) {
  const owner = workloadOfPod(topology, pod.id);
  if (!owner) return null;
  const { workload: w, current } = owner;
  const wants = w.template.map((t) => t.network.replace(`${w.namespace}/`, "")).join(", ") || "no secondary network";
  return (
    <Section title="Workload">
      <p className="text-xs" data-testid="pod-workload">
        <ElementLink id={w.id} label={`${w.workloadKind} ${w.name}`} onSelect={onSelect} />{" "}
        {current ? (
          <Pill tone="ok">runs with its template</Pill>
        ) : (
          <>
            <Pill tone="warn">pending rollout</Pill>{" "}
            <span className="text-slate-600 dark:text-slate-300">
              its template now asks for {wants}; this pod gets it when the rollout replaces it
            </span>
          </>
        )}
      </p>
    </Section>
  );
}
