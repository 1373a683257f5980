import { interfaceLabel, podRefOf, refOf } from "@/lib/contract/ids";
import type { PolicySummary, UdnOwner } from "@/lib/contract/ovn";
import type { InterfaceElement, NetworkElement, PodElement, Topology } from "@/lib/contract/schema";
import { ElementLink, KV, Pill, Section } from "./ui";

/** What OVN-Kubernetes says of a network: its topology, role and the OVN network it belongs to. */
function OvnSection({ net }: { net: NetworkElement }) {
  const ovn = net.ovn;
  if (!ovn) return null;
  return (
    <Section title="OVN-Kubernetes network">
      <KV
        rows={[
          ["topology", ovn.topology],
          ["role", ovn.role === "primary" ? "primary (the pods' default network)" : ovn.role],
          ["OVN network", ovn.networkName],
          ["physical network", ovn.physicalNetwork],
          ["VLAN", net.vlan],
          ["subnets", ovn.subnets.join(", ") || "none (addresses set by the pods)"],
          ["excluded", ovn.excludeSubnets.join(", ")],
        ]}
      />
    </Section>
  );
}

function conditionTone(status: string): "ok" | "bad" | "muted" {
  return status === "True" ? "ok" : status === "False" ? "bad" : "muted";
}

/** The UserDefinedNetwork or ClusterUserDefinedNetwork the NAD was rendered from: edit that, never the NAD. */
function OwnerSection({ udn }: { udn: UdnOwner }) {
  const name = udn.namespace ? `${udn.namespace}/${udn.name}` : udn.name;
  return (
    <Section title={udn.kind}>
      <div className="mb-1.5 flex flex-wrap gap-1">
        {udn.ready === true ? <Pill tone="ok">ready</Pill> : null}
        {udn.ready === false ? <Pill tone="bad">not ready</Pill> : null}
        {udn.ready === null ? <Pill tone="muted">{udn.found ? "no condition yet" : "not readable"}</Pill> : null}
      </div>
      <KV
        rows={[
          ["name", name],
          ["namespaces", udn.namespaces.join(", ") || (udn.kind === "ClusterUserDefinedNetwork" ? "none known" : "")],
          ["selector", udn.selector],
          ["label missing", udn.unlabelled.join(", ")],
        ]}
      />
      {udn.conditions.length ? (
        <ul className="mt-1.5 space-y-1 text-xs" data-testid="udn-conditions">
          {udn.conditions.map((c) => (
            <li key={c.type}>
              <Pill tone={conditionTone(c.status)}>
                {c.type} {c.status}
              </Pill>{" "}
              {c.reason ? <span className="font-mono">{c.reason}</span> : null}
              {c.message ? <div className="text-slate-600 dark:text-slate-300">{c.message}</div> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {udn.drift.length ? (
        <p className="mt-1.5 text-xs text-amber-800 dark:text-amber-300">
          The NAD says otherwise than its owner in {udn.drift.join("; ")}: OVN-Kubernetes writes it back.
        </p>
      ) : null}
      {!udn.found ? (
        <p className="mt-1.5 text-xs text-slate-500">
          Named by the NAD's owner reference; the {udn.kind} itself could not be read.
        </p>
      ) : null}
    </Section>
  );
}

/** The MultiNetworkPolicies on a network, each with the pods on it that it selects. */
function PoliciesSection({
  net,
  topology,
  onSelect,
}: {
  net: NetworkElement;
  topology: Topology;
  onSelect: (id: string) => void;
}) {
  const key = refOf(net);
  const policies = net.policies ?? [];
  const ifaces = topology.elements.filter((e): e is InterfaceElement => e.kind === "interface" && e.network === key);
  const selected = (p: PolicySummary) => ifaces.filter((i) => i.policies?.includes(`${p.namespace}/${p.name}`));
  // A launcher pod's interface by its VM's names: what the admin knows it by.
  const vmOf = new Map(
    topology.elements.flatMap((e): [string, string][] =>
      e.kind === "pod" && e.vm ? [[e.id, `VM ${e.vm.name}${e.vm.migration ? ` (${e.vm.migration})` : ""}`]] : [],
    ),
  );
  const label = (i: InterfaceElement): string => {
    const vm = i.parent ? vmOf.get(i.parent) : undefined;
    return vm ? `${vm} ${i.vmInterface ?? i.interface}` : interfaceLabel(i.id);
  };
  return (
    <Section title={`MultiNetworkPolicies (${policies.length})`}>
      {policies.length === 0 ? (
        <p className="text-xs text-slate-500">No MultiNetworkPolicy names this network (policy-for).</p>
      ) : (
        <ul className="space-y-2 text-xs" data-testid="network-policies">
          {policies.map((p) => (
            <li key={`${p.namespace}/${p.name}`}>
              <div className="flex flex-wrap items-center gap-1">
                <span className="font-mono font-semibold">
                  {p.namespace}/{p.name}
                </span>
                {p.isolates ? <Pill tone="warn">cuts off {p.isolates}</Pill> : null}
              </div>
              <div className="text-slate-600 dark:text-slate-300">
                {p.types.join(" + ")} · pods: {p.podSelector} · {p.ingressRules} ingress, {p.egressRules} egress rule
                {p.egressRules === 1 ? "" : "s"}
              </div>
              <div className="flex flex-wrap gap-x-2">
                {selected(p).map((i) => (
                  <ElementLink key={i.id} id={i.id} label={label(i)} onSelect={onSelect} />
                ))}
                {selected(p).length === 0 ? <span className="text-slate-500">selects no pod on it here</span> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function OvnNetworkSections(props: { net: NetworkElement; topology: Topology; onSelect: (id: string) => void }) {
  return (
    <>
      <OvnSection net={props.net} />
      {props.net.udn ? <OwnerSection udn={props.net.udn} /> : null}
      {props.net.ovn || props.net.policies?.length ? <PoliciesSection {...props} /> : null}
    </>
  );
}

/** A virt-launcher pod as its VM: the VM's name, a migration's other pod, each pod interface's VM interface. */
export function VmSection({
  pod,
  ifaces,
  onSelect,
}: {
  pod: PodElement;
  ifaces: readonly InterfaceElement[];
  onSelect: (id: string) => void;
}) {
  const vm = pod.vm;
  if (!vm) return null;
  const named = ifaces.filter((i) => i.vmInterface);
  return (
    <Section title="Virtual machine">
      <div className="mb-1.5 flex flex-wrap gap-1">
        <Pill tone="info">VM {vm.name}</Pill>
        {vm.migration ? <Pill tone="warn">live migration: {vm.migration} pod</Pill> : null}
      </div>
      <KV
        rows={[
          ["VM", `${pod.namespace}/${vm.name}`],
          [
            "other pod",
            vm.peer ? <ElementLink key="peer" id={vm.peer} label={podRefOf(vm.peer)} onSelect={onSelect} /> : undefined,
          ],
          ...named.map((i): [string, string] => [
            i.interface,
            `${i.vmInterface} (${i.vmInterfaceFrom === "vmi" ? "VMI" : "derived"})`,
          ]),
        ]}
      />
      {named.length === 0 ? (
        <p className="mt-1 text-xs text-slate-500">
          {vm.vmiRead
            ? "No pod interface is tied to a VM interface."
            : "The VirtualMachineInstance could not be read: which VM interface each pod interface carries is not known."}
        </p>
      ) : null}
    </Section>
  );
}
