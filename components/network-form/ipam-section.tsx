"use client";

import { useId, useRef } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import type { Topology } from "@/lib/contract/schema";
import { defaultIpam, IPAM_TYPES, type IpamInput, type IpamType } from "@/lib/network-form/defaults";
import type { NetworkFormInput } from "@/lib/network-form/schema";
import { FormSection } from "../form/form-section";
import { labelClass, selectClass } from "../form/styles";
import type { Capabilities } from "../form/types";
import { DhcpNote } from "./dhcp-note";
import { HostLocalFields } from "./host-local-fields";
import { OverlapWarning } from "./overlap-warning";
import { StaticFields } from "./static-fields";
import { WhereaboutsFields } from "./whereabouts-fields";

const NOTES: Record<IpamType, string> = {
  none: "No addresses: the interface is plain L2 (the pods or an application inside set addresses themselves).",
  whereabouts: "One pool for the whole cluster: no two pods get the same address, on any node.",
  "host-local":
    "Each node hands out addresses from its own copy of the range: pods on two nodes can get the same address. Use it only for networks that stay on one node.",
  static: "Fixed addresses written into the network.",
  dhcp: "Leases from a DHCP server on the segment.",
};

export function IpamSection({
  topology,
  capabilities,
  self,
}: {
  topology: Topology | null;
  capabilities: Capabilities;
  self?: { namespace: string; name: string };
}) {
  const { getValues, setValue, clearErrors } = useFormContext<NetworkFormInput>();
  const mainType = useWatch<NetworkFormInput, "main.type">({ name: "main.type" });
  const type = useWatch<NetworkFormInput, "ipam.type">({ name: "ipam.type" });
  const target = useWatch<NetworkFormInput, "target">({ name: "target" }) ?? "nad";
  const cache = useRef(new Map<IpamType, IpamInput>());
  const id = useId();

  if (mainType === "raw") {
    return (
      <FormSection title="IP addresses (IPAM)">
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Raw JSON carries its own &quot;ipam&quot; section: edit it in the config above.
        </p>
      </FormSection>
    );
  }

  const choose = (next: IpamType) => {
    const current = getValues("ipam");
    cache.current.set(current.type, current);
    clearErrors("ipam");
    setValue("ipam", cache.current.get(next) ?? defaultIpam(next), { shouldDirty: true });
  };

  return (
    <FormSection
      title="IP addresses (IPAM)"
      description="How the pods' interfaces on this network get their addresses."
    >
      <div className="mb-3 max-w-sm">
        <label htmlFor={id} className={labelClass}>
          IPAM
        </label>
        <select
          id={id}
          value={type}
          onChange={(e) => {
            const picked = IPAM_TYPES.find((t) => t.type === e.target.value);
            if (picked) choose(picked.type);
          }}
          className={selectClass}
          aria-describedby={`${id}-note`}
        >
          {IPAM_TYPES.map((t) => (
            <option key={t.type} value={t.type}>
              {t.label}
            </option>
          ))}
        </select>
        <p id={`${id}-note`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          {NOTES[type]}
        </p>
      </div>
      <div className="space-y-3">
        {type === "host-local" ? <HostLocalFields /> : null}
        {type === "static" ? <StaticFields /> : null}
        {type === "whereabouts" ? <WhereaboutsFields /> : null}
        {type === "dhcp" ? <DhcpNote capabilities={capabilities} target={target} /> : null}
        <OverlapWarning topology={topology} self={self} />
      </div>
    </FormSection>
  );
}
