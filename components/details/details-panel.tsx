import { podNameOf } from "@/lib/contract/ids";
import type { Topology } from "@/lib/contract/schema";
import { FindingsList } from "../findings/finding-item";
import { HostDetails } from "./host-details";
import { InterfaceDetails } from "./interface-details";
import { NetworkDetails } from "./network-details";
import { PodDetails } from "./pod-details";
import { PointDetails } from "./point-details";
import { Section } from "./ui";
import { WorkloadDetails } from "./workload-details";

export function DetailsPanel({
  id,
  topology,
  onSelect,
  onClose,
}: {
  id: string;
  topology: Topology;
  onSelect: (id: string) => void;
  onClose: () => void;
}) {
  const el = topology.elements.find((e) => e.id === id);
  const findings = topology.findings.filter((f) => f.elements.includes(id));
  return (
    <div className="min-h-0 flex-1 overflow-y-auto" data-testid="details-panel">
      <div className="flex items-start gap-2 px-4 pb-2 pt-4">
        <h2 className="min-w-0 flex-1 break-words text-sm font-semibold">
          {el ? (el.kind === "interface" ? `${podNameOf(el.parent ?? "")} ${el.interface}` : el.name) : id}
        </h2>
        <button
          type="button"
          className="rounded px-1.5 text-slate-500 hover:bg-slate-200 dark:hover:bg-slate-700"
          aria-label="Close details"
          onClick={onClose}
        >
          ✕
        </button>
      </div>
      {!el ? <p className="px-4 text-xs text-slate-500">This element is not in the current view.</p> : null}
      {el?.kind === "network" ? (
        <NetworkDetails net={el} topology={topology} onSelect={onSelect} onDeleted={onClose} />
      ) : null}
      {el?.kind === "pod" ? <PodDetails pod={el} topology={topology} onSelect={onSelect} /> : null}
      {el?.kind === "host" ? <HostDetails host={el} topology={topology} onSelect={onSelect} /> : null}
      {el?.kind === "interface" ? <InterfaceDetails iface={el} topology={topology} onSelect={onSelect} /> : null}
      {el?.kind === "workload" ? <WorkloadDetails workload={el} onSelect={onSelect} /> : null}
      {el &&
      el.kind !== "network" &&
      el.kind !== "pod" &&
      el.kind !== "host" &&
      el.kind !== "interface" &&
      el.kind !== "workload" ? (
        <PointDetails point={el} topology={topology} onSelect={onSelect} />
      ) : null}
      <Section title={`Findings (${findings.length})`}>
        {findings.length === 0 ? (
          <p className="text-xs text-slate-500">Nothing wrong found here.</p>
        ) : (
          <FindingsList findings={findings} onSelect={onSelect} />
        )}
      </Section>
    </div>
  );
}
