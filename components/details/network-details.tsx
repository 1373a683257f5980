import { interfaceLabel, refOf } from "@/lib/contract/ids";
import type { InterfaceElement, NetworkElement, Topology } from "@/lib/contract/schema";
import { networkReach } from "@/lib/graph/reach";
import { NetworkActions } from "../network-form/network-actions";
import { ReachSection } from "../reach/reach-section";
import { OvnNetworkSections } from "./ovn-sections";
import { ElementLink, KV, Pill, Section } from "./ui";

function prettyJson(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

export function NetworkDetails({
  net,
  topology,
  onSelect,
  onDeleted,
}: {
  net: NetworkElement;
  topology: Topology;
  onSelect: (id: string) => void;
  onDeleted: () => void;
}) {
  const key = refOf(net);
  const users = topology.elements.filter((e): e is InterfaceElement => e.kind === "interface" && e.network === key);
  const ipam = net.ipam;
  const note = networkReach(net, topology);
  return (
    <>
      <Section title="Network">
        <NetworkActions net={net} topology={topology} onDeleted={onDeleted} />
        <div className="mb-2 flex flex-wrap gap-1">
          <Pill tone="info">{net.cniType ?? "invalid config"}</Pill>
          {net.managedBy === "cluster-network-operator" ? (
            <Pill tone="muted">managed by the Cluster Network Operator: edit the operator entry</Pill>
          ) : null}
          {net.managedBy === "ovn-kubernetes" ? (
            <Pill tone="muted">
              rendered by OVN-Kubernetes from {net.udn ? `${net.udn.kind} ${net.udn.name}` : "a user-defined network"}:
              edit that
            </Pill>
          ) : null}
        </div>
        <KV
          rows={[
            ["name", key],
            ["plugins", net.plugins.join(" → ")],
            ["bridge", net.bridge],
            ["master", net.master],
            ["device", net.device],
            ["VLAN", net.vlan],
            ["MTU", net.mtu],
            ["mode", net.mode],
            ["resource", net.resourceName],
          ]}
        />
        {note ? (
          <p className="mt-2 rounded bg-slate-100 p-2 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-200">
            {note}
          </p>
        ) : null}
      </Section>
      <OvnNetworkSections net={net} topology={topology} onSelect={onSelect} />
      <Section title="Reachability">
        <ReachSection network={key} />
      </Section>
      <Section title="IP addresses">
        {!ipam && net.ovn ? (
          <p className="text-xs text-slate-500">OVN-Kubernetes hands out addresses from the network's subnets.</p>
        ) : ipam ? (
          <>
            <KV
              rows={[
                ["IPAM", ipam.type === "none" ? "none (L2 only)" : ipam.type],
                ...ipam.addresses.map((a, i): [string, string] => [`address ${i + 1}`, a]),
              ]}
            />
            {ipam.ranges.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: ranges are listed in config order and never reordered here
              <div key={i} className="mt-1.5">
                <KV
                  rows={[
                    ["range", r.subnet],
                    ["from – to", r.start || r.end ? `${r.start ?? "…"} – ${r.end ?? "…"}` : undefined],
                    ["gateway", r.gateway],
                    ["exclude", r.exclude.join(", ")],
                  ]}
                />
              </div>
            ))}
            {ipam.pool ? <PoolUse pool={ipam.pool} /> : null}
            {ipam.type === "dhcp" ? (
              <p className="mt-2 text-xs text-amber-800 dark:text-amber-300">
                DHCP needs a DHCP server on the segment and the CNI dhcp daemon on every node.
              </p>
            ) : null}
          </>
        ) : (
          <p className="text-xs text-slate-500">No IPAM section.</p>
        )}
      </Section>
      <Section title={`Pods using it (${users.length})`}>
        {users.length === 0 ? (
          <p className="text-xs text-slate-500">No pod requests this network.</p>
        ) : (
          <ul className="space-y-0.5 text-xs">
            {users.map((u) => (
              <li key={u.id} className="flex gap-2">
                <ElementLink id={u.id} label={interfaceLabel(u.id)} onSelect={onSelect} />
                {u.vmInterface ? <span className="text-slate-500">VM {u.vmInterface}</span> : null}
                <span className="ml-auto font-mono text-slate-600 dark:text-slate-300">
                  {u.ips.join(", ") || (u.attached ? "" : "not attached")}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Raw config (spec.config)">
        <pre className="max-h-72 overflow-auto rounded bg-slate-900 p-2 text-[11px] leading-snug text-slate-100">
          {prettyJson(net.rawConfig) || "(empty)"}
        </pre>
      </Section>
    </>
  );
}

type Pool = NonNullable<NonNullable<NetworkElement["ipam"]>["pool"]>;

/** Addresses in use, and apart from them the reservations whose pod is gone (stale), on one bar. */
function PoolUse({ pool }: { pool: Pool }) {
  const stale = pool.stale ?? 0;
  const inUse = pool.allocated - stale;
  const pct = (n: number) => (pool.size ? Math.min(100, (100 * n) / pool.size) : 0);
  return (
    <div className="mt-2 text-xs">
      <div className="mb-1 flex justify-between gap-2">
        <span>
          {inUse} of {pool.size ?? "?"} addresses in use
        </span>
        <span className="font-mono text-slate-500">IPPool {pool.name}</span>
      </div>
      <div className="flex h-1.5 overflow-hidden rounded bg-slate-200 dark:bg-slate-700">
        <div className="h-1.5 bg-sky-500" style={{ width: `${pct(inUse)}%` }} />
        <div className="h-1.5 bg-amber-400" style={{ width: `${pct(stale)}%` }} />
      </div>
      {stale ? (
        <p className="mt-1 text-amber-800 dark:text-amber-300">
          + {stale} stale: reserved for {stale === 1 ? "a pod that no longer exists" : "pods that no longer exist"}
        </p>
      ) : null}
    </div>
  );
}
