import type { HostElement, Topology } from "@/lib/contract/schema";
import { POINT_LABEL } from "../graph/point-node";
import { ForgetProbedLinks } from "../node-links/forget-probed-links";
import { InspectNodeLinks } from "../node-links/inspect-node-links";
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
  const hosts = topology.elements.filter((e) => e.kind === "host").map((e) => e.name);
  const probed = host.linksSource === "probe";
  return (
    <>
      <Section title="Host">
        <KV
          rows={[
            ["node", host.name],
            ["addresses", host.addresses.join(", ")],
            ["pods", pods.length],
            [
              probed ? "links probed" : "links reported",
              host.reportedAt ? new Date(host.reportedAt).toLocaleString() : undefined,
            ],
            ["probed by", probed ? host.probedBy : undefined],
          ]}
        />
        <div className="mt-2">
          {!host.linksObserved ? (
            <Pill tone="warn">inferred: no NodeNetworkState for this node</Pill>
          ) : probed ? (
            <Pill tone="info">
              probed at {host.reportedAt ? new Date(host.reportedAt).toLocaleString() : "?"} by {host.probedBy}
            </Pill>
          ) : (
            <Pill tone="ok">links from NodeNetworkState</Pill>
          )}
        </div>
        {host.linksSource !== "nns" ? (
          <div className="mt-2 flex flex-col gap-2">
            <InspectNodeLinks nodes={[host.name]} label={probed ? "Inspect node links again" : "Inspect node links"} />
            {probed ? <ForgetProbedLinks node={host.name} /> : null}
            {hosts.length > 1 ? (
              <InspectNodeLinks nodes={hosts} label={`Inspect node links of all ${hosts.length} hosts`} />
            ) : null}
          </div>
        ) : null}
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
      <Section title={probed ? "Links (probed: ip link / sysfs)" : "Links (ip link)"}>
        {host.interfaces.length === 0 ? (
          <p className="text-xs text-slate-500">
            {host.linksObserved ? "None reported." : "Unknown: no NodeNetworkState, not inspected."}
          </p>
        ) : (
          // Two lines per link, so the panel's width holds it without scrolling sideways: name, type, state, MTU;
          // then its MAC and addresses, which wrap.
          <table className="w-full text-[11px]">
            <thead>
              <tr className="text-left text-slate-500">
                <th className="pr-2 font-normal">name</th>
                <th className="pr-2 font-normal">type</th>
                <th className="pr-2 font-normal">state</th>
                <th className="font-normal">MTU</th>
              </tr>
            </thead>
            {host.interfaces.map((i) => (
              <tbody key={i.name} className="border-t border-slate-100 font-mono dark:border-slate-800">
                <tr
                  className="align-top"
                  data-testid="host-link"
                  data-link={JSON.stringify([i.name, i.type, i.state, i.mtu, i.mac, i.controller ?? null, i.ips])}
                >
                  <td className="pr-2 pt-0.5 break-all">
                    {i.name}
                    {i.controller ? <span className="text-slate-500"> @{i.controller}</span> : null}
                  </td>
                  <td className="pr-2 pt-0.5">{i.type}</td>
                  <td className="pr-2 pt-0.5">{i.state}</td>
                  <td className="pt-0.5">{i.mtu}</td>
                </tr>
                <tr className="text-slate-500 dark:text-slate-400">
                  <td colSpan={4} className="pb-0.5 pl-2">
                    <span className="whitespace-nowrap">{i.mac ?? "no MAC"}</span>
                    {i.ips.map((a) => (
                      <span key={a} className="ml-3 inline-block break-all">
                        {a}
                      </span>
                    ))}
                  </td>
                </tr>
              </tbody>
            ))}
          </table>
        )}
      </Section>
    </>
  );
}
