import type { Capabilities } from "../form/types";

/** DHCP works only with a server on the segment and the CNI dhcp daemon on every node: say which is missing. */
export function DhcpNote({ capabilities, target }: { capabilities: Capabilities; target: string }) {
  const pods = capabilities.dhcpDaemonPods;
  return (
    <div
      role="note"
      data-testid="dhcp-note"
      className="space-y-1 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-200"
    >
      <p>
        <strong className="font-semibold">DHCP needs two things outside this form:</strong> a DHCP server on the segment
        the network reaches, and the CNI dhcp daemon running on every node (it asks for the pods&apos; leases). Without
        them pods stay in ContainerCreating.
      </p>
      {capabilities.openshift ? (
        pods > 0 ? (
          <p>
            The dhcp-daemon runs in openshift-multus ({pods} pod{pods === 1 ? "" : "s"}).
          </p>
        ) : target === "operator" ? (
          <p>
            No dhcp-daemon pods run in openshift-multus yet: the Cluster Network Operator starts them once one of its
            additional networks uses DHCP, as this one will.
          </p>
        ) : (
          <p>
            No dhcp-daemon pods run in openshift-multus: the Cluster Network Operator starts them only for its own
            additional networks. Write this as an operator entry, or run the daemon yourself.
          </p>
        )
      ) : null}
    </div>
  );
}
