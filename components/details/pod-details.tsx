import type { InterfaceElement, PodElement, Topology } from "@/lib/contract/schema";
import { EventsSection } from "./events-list";
import { VmSection } from "./ovn-sections";
import { ElementLink, KV, Pill, Section } from "./ui";
import { PodWorkload } from "./workload-details";

/** Requested (networks annotation) next to attached (network-status): the difference is what an admin hunts for. */
export function PodDetails({
  pod,
  topology,
  onSelect,
}: {
  pod: PodElement;
  topology: Topology;
  onSelect: (id: string) => void;
}) {
  const ifaces = topology.elements.filter((e): e is InterfaceElement => e.kind === "interface" && e.parent === pod.id);
  return (
    <>
      <Section title="Pod">
        <KV
          rows={[
            ["name", `${pod.namespace}/${pod.name}`],
            ["phase", pod.phase],
            ["node", pod.node ?? "not scheduled"],
            ["pod IPs", pod.podIPs.join(", ")],
          ]}
        />
      </Section>
      <VmSection pod={pod} ifaces={ifaces} onSelect={onSelect} />
      <PodWorkload pod={pod} topology={topology} onSelect={onSelect} />
      <Section title="Requested vs attached">
        <table className="w-full text-xs" data-testid="requested-vs-attached">
          <thead>
            <tr className="text-left text-slate-500">
              <th className="pb-1 pr-3 font-normal">if</th>
              <th className="pb-1 pr-3 font-normal">network</th>
              <th className="pb-1 pr-3 font-normal">requested</th>
              <th className="pb-1 pr-3 font-normal">attached</th>
            </tr>
          </thead>
          <tbody>
            {ifaces.map((i) => (
              <tr key={i.id} className="align-top" data-interface={i.interface}>
                <td className="py-0.5 pr-1">
                  <ElementLink id={i.id} label={i.interface} onSelect={onSelect} />
                  {i.vmInterface ? <div className="text-[11px] text-slate-500">VM {i.vmInterface}</div> : null}
                </td>
                <td className="py-0.5 pr-1 font-mono">
                  {i.isDefault ? `${i.network} (default)` : i.network}
                  {i.policies?.length ? (
                    <div className="font-sans text-[11px] text-slate-500">policies: {i.policies.join(", ")}</div>
                  ) : null}
                </td>
                <td className="py-0.5 pr-3">
                  {i.requested ? (
                    <Pill tone="ok">yes</Pill>
                  ) : (
                    <Pill tone="muted">{i.isDefault ? "default" : "no"}</Pill>
                  )}
                </td>
                <td className="py-0.5">
                  {i.attached ? <Pill tone="ok">yes</Pill> : <Pill tone="bad">no</Pill>}
                  <div className="break-all font-mono text-[11px] text-slate-700 dark:text-slate-300">
                    {i.ips.join(", ")}
                  </div>
                  {i.mac ? <div className="break-all font-mono text-[11px] text-slate-500">{i.mac}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <EventsSection events={pod.events} />
    </>
  );
}
