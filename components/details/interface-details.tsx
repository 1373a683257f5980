import { podRefOf, refOf } from "@/lib/contract/ids";
import type { InterfaceElement, Topology } from "@/lib/contract/schema";
import { EventsSection, FailureBox } from "./events-list";
import { ElementLink, KV, Pill, Section } from "./ui";

export function InterfaceDetails({
  iface,
  topology,
  onSelect,
}: {
  iface: InterfaceElement;
  topology: Topology;
  onSelect: (id: string) => void;
}) {
  const target = topology.links.find((l) => l.kind === "attachment" && l.source === iface.id)?.target;
  const point = target ? topology.elements.find((e) => e.id === target) : undefined;
  const nad = topology.elements.find((e) => e.kind === "network" && refOf(e) === iface.network);
  return (
    <>
      <Section title="Pod interface">
        {iface.failure ? <FailureBox failure={iface.failure} /> : null}
        <div className="mb-2 flex flex-wrap gap-1">
          {iface.requested ? (
            <Pill tone="ok">requested</Pill>
          ) : (
            <Pill tone="muted">{iface.isDefault ? "cluster default network" : "not requested"}</Pill>
          )}
          {iface.attached ? <Pill tone="ok">attached</Pill> : <Pill tone="bad">not attached</Pill>}
        </div>
        <KV
          rows={[
            ["interface", iface.interface],
            [
              "pod",
              iface.parent ? (
                <ElementLink key="pod" id={iface.parent} label={podRefOf(iface.parent)} onSelect={onSelect} />
              ) : undefined,
            ],
            [
              "network",
              nad ? <ElementLink key="network" id={nad.id} label={iface.network} onSelect={onSelect} /> : iface.network,
            ],
            ["IPs", iface.ips.join(", ")],
            ["MAC", iface.mac],
            ["gateway", iface.gateway.join(", ")],
            ["device", iface.deviceInfo ? `${iface.deviceInfo.type} ${iface.deviceInfo.pciAddress ?? ""}` : undefined],
            [
              "attached to",
              point ? (
                <ElementLink
                  key="point"
                  id={point.id}
                  label={`${point.name} on ${"host" in point ? point.host : ""}`}
                  onSelect={onSelect}
                />
              ) : undefined,
            ],
          ]}
        />
      </Section>
      <EventsSection events={iface.events} />
    </>
  );
}
