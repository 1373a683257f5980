import Link from "next/link";
import type { UdnOwner } from "@/lib/udn-form/owner";
import { primaryButton } from "../form/styles";
import { udnViewUrl } from "./urls";

/** A NAD OVN-Kubernetes rendered from a UDN/CUDN is not edited here: the user is sent to its owner, and told why. */
export function OwnedByUdn({ owner, nad, context }: { owner: UdnOwner; nad: string; context?: string }) {
  const who = `${owner.kind} ${owner.namespace ? `${owner.namespace}/` : ""}${owner.name}`;
  return (
    <div
      data-testid="udn-owned"
      className="max-w-3xl rounded-md border border-violet-200 bg-violet-50 p-4 text-sm text-violet-950 dark:border-violet-900 dark:bg-violet-950/60 dark:text-violet-100"
    >
      <p>
        <strong className="font-semibold">
          {nad} is rendered by OVN-Kubernetes from {who}.
        </strong>{" "}
        OVN-Kubernetes owns it and puts it back as rendered when it is edited, so a change made here would be lost.
        Change the network through its {owner.kind}.
      </p>
      <p className="mt-3">
        <Link className={primaryButton} href={udnViewUrl(owner, context)}>
          Open {who}
        </Link>
      </p>
    </div>
  );
}
