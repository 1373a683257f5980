import { interfaceLabel } from "@/lib/contract/ids";
import type { HostSideElement, Topology } from "@/lib/contract/schema";
import { POINT_LABEL } from "../graph/point-node";
import { ElementLink, KV, Pill, Section } from "./ui";

export function PointDetails({
  point,
  topology,
  onSelect,
}: {
  point: HostSideElement;
  topology: Topology;
  onSelect: (id: string) => void;
}) {
  const attached = topology.links.filter((l) => l.kind === "attachment" && l.target === point.id);
  const peers = topology.elements.filter((e) => "segment" in e && e.segment === point.segment && e.id !== point.id);
  const host = topology.elements.find((e) => e.kind === "host" && e.name === point.host);
  const observedBy =
    host?.kind === "host" && host.linksSource === "probe"
      ? `probed at ${host.reportedAt ?? "?"} by ${host.probedBy ?? "?"}`
      : "reported by NodeNetworkState";
  const unknownUplink = point.kind === "bridge" && !point.uplinksKnown;
  return (
    <>
      <Section title={POINT_LABEL[point.kind] ?? point.kind}>
        <div className="mb-2 flex flex-wrap gap-1">
          <Pill tone={point.provenance === "observed" ? "ok" : "warn"}>
            {point.provenance === "observed" ? observedBy : "inferred from NADs and pods"}
          </Pill>
          {point.kind === "bridge" && point.island ? <Pill tone="warn">no uplink: an island on this host</Pill> : null}
          {unknownUplink ? <Pill tone="info">uplink unknown: this node's ports are not observed</Pill> : null}
          {point.kind === "bridge" && point.island === false && point.uplinksKnown && point.uplinks.length === 0 ? (
            <Pill tone="info">no network uses it</Pill>
          ) : null}
          {point.kind === "host-device" && point.movedTo ? <Pill tone="info">moved into a pod</Pill> : null}
        </div>
        <KV
          rows={[
            ["device", point.device],
            ["host", point.host],
            ["MAC", point.mac],
            ["MTU", point.mtu],
            ["state", point.state],
            [
              "uplinks",
              point.kind === "bridge" ? point.uplinks.join(", ") || (unknownUplink ? "unknown" : "none") : undefined,
            ],
            ["VLANs", point.kind === "vlan-parent" ? point.vlans.join(", ") : undefined],
            [
              "on the host",
              point.kind === "host-device"
                ? point.presentOnHost === null
                  ? "unknown"
                  : point.presentOnHost
                    ? "present"
                    : "absent (held by the pod)"
                : undefined,
            ],
          ]}
        />
        {point.kind === "host-device" && point.movedTo ? (
          <p className="mt-2 text-xs">
            Now inside{" "}
            <ElementLink id={point.movedTo} label={interfaceLabel(point.movedTo, true)} onSelect={onSelect} />
          </p>
        ) : null}
      </Section>
      <Section title={`Attached interfaces (${attached.length})`}>
        <ul className="space-y-0.5 text-xs">
          {attached.map((l) => (
            <li key={l.id} className="flex gap-2">
              <ElementLink id={l.source} label={interfaceLabel(l.source)} onSelect={onSelect} />
              <span className="ml-auto font-mono text-slate-500">{l.label}</span>
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Same L2 segment">
        {peers.length === 0 ? (
          <p className="text-xs text-slate-500">
            {unknownUplink
              ? "Not known: nothing observes this node's ports (no NodeNetworkState; inspect its links to see)."
              : point.kind === "bridge" && point.uplinks.length === 0
                ? "Nothing beyond this host: pods on other hosts cannot reach pods here through it."
                : "No other host in view."}
          </p>
        ) : (
          <ul className="space-y-0.5 text-xs">
            {peers.map((p) => (
              <li key={p.id}>
                <ElementLink id={p.id} label={`${p.name} on ${"host" in p ? p.host : ""}`} onSelect={onSelect} />
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
