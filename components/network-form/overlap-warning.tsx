"use client";

import { useWatch } from "react-hook-form";
import type { Topology } from "@/lib/contract/schema";
import { rangeOverlaps } from "@/lib/network-form/overlap";
import type { NetworkFormInput } from "@/lib/network-form/schema";

/** Ranges another NAD already hands out: a warning (separate L2 segments may reuse a range), never an error. */
export function OverlapWarning({
  topology,
  self,
}: {
  topology: Topology | null;
  self?: { namespace: string; name: string };
}) {
  const ipam = useWatch<NetworkFormInput, "ipam">({ name: "ipam" });
  if (!topology || !ipam) return null;
  const overlaps = rangeOverlaps(ipam, topology, self);
  if (overlaps.length === 0) return null;
  const seen = new Set<string>();
  const unique = overlaps.filter((o) => {
    const k = `${o.network} ${o.range} ${o.mine}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return (
    <div
      role="status"
      data-testid="overlap-warning"
      className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-200"
    >
      <p className="font-semibold">Overlaps another network&apos;s addresses</p>
      <ul className="mt-0.5 space-y-0.5">
        {unique.map((o) => (
          <li key={`${o.network} ${o.range} ${o.mine}`}>
            <span className="font-mono">{o.mine}</span> overlaps{" "}
            <span className="font-mono font-semibold">{o.network}</span> (<span className="font-mono">{o.range}</span>)
          </li>
        ))}
      </ul>
      <p className="mt-1">
        Fine when they are separate L2 segments; on the same segment two pods can get the same address.
      </p>
    </div>
  );
}
