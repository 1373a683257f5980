import type { HostElement, Topology } from "@/lib/contract/schema";
import { POINT_LABEL } from "../graph/point-node";
import { ElementLink, KV, Pill, Section } from "./ui";

export function HostDetails({
  host,
  topology,
  onSelect,
}: {
  host: HostElement;
  topology: Topology;
  onSelect: (id: string) => void;
}) {
  const children = topology.elements.filter((e) => e.parent === host.id);
  const points = children.filter((e) => e.kind !== "pod");
  const pods = children.filter((e) => e.kind === "pod");
  return (
    <>
      <Section title="Host">
        <KV
          rows={[
            ["node", host.name],
            ["addresses", host.addresses.join(", ")],
            ["pods", pods.length],
            ["links reported", host.reportedAt ? new Date(host.reportedAt).toLocaleString() : undefined],
          ]}
        />
        <div className="mt-2">
          {host.linksObserved ? (
            <Pill tone="ok">links from NodeNetworkState</Pill>
          ) : (
            <Pill tone="warn">inferred: no NodeNetworkState for this node</Pill>
          )}
        </div>
      </Section>
      <Section title="Attachment points">
        {points.length === 0 ? (
          <p className="text-xs text-slate-500">None.</p>
        ) : (
          <ul className="space-y-0.5 text-xs">
            {points.map((p) => (
              <li key={p.id} className="flex gap-2">
                <ElementLink id={p.id} label={p.name} onSelect={onSelect} />
                <span className="text-slate-500">{POINT_LABEL[p.kind]}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Links (ip link)">
        {host.interfaces.length === 0 ? (
          <p className="text-xs text-slate-500">
            {host.linksObserved ? "None reported." : "Unknown without NodeNetworkState."}
          </p>
        ) : (
          <table className="w-full text-[11px]">
            <thead>
              <tr className="text-left text-slate-500">
                <th className="font-normal">name</th>
                <th className="font-normal">type</th>
                <th className="font-normal">state</th>
                <th className="font-normal">MTU</th>
                <th className="font-normal">addresses</th>
              </tr>
            </thead>
            <tbody>
              {host.interfaces.map((i) => (
                <tr key={i.name} className="font-mono">
                  <td className="pr-1">
                    {i.name}
                    {i.controller ? <span className="text-slate-500"> @{i.controller}</span> : null}
                  </td>
                  <td className="pr-1">{i.type}</td>
                  <td className="pr-1">{i.state}</td>
                  <td className="pr-1">{i.mtu}</td>
                  <td>{i.ips.join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </>
  );
}
