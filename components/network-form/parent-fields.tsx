"use client";

import { useWatch } from "react-hook-form";
import type { HostLinkOption } from "@/lib/network-form/host-nics";
import type { NetworkFormInput } from "@/lib/network-form/schema";
import { SelectField } from "../form/select-field";
import { TextField } from "../form/text-field";
import { HostLinkField } from "./host-link-field";

const MODES = {
  macvlan: [
    { value: "bridge", label: "bridge", note: "pods on the same master reach each other directly" },
    { value: "private", label: "private", note: "pods on the same master cannot reach each other" },
    { value: "vepa", label: "vepa", note: "pod-to-pod traffic goes out to the switch and back (it must hairpin)" },
    { value: "passthru", label: "passthru", note: "one pod takes over the master NIC" },
  ],
  ipvlan: [
    { value: "l2", label: "l2", note: "switched: the pods share the master's broadcast domain" },
    { value: "l3", label: "l3", note: "routed: no broadcast or multicast, the node routes for the pods" },
    { value: "l3s", label: "l3s", note: "routed like l3, and the traffic passes the node's netfilter" },
  ],
};

/** macvlan, ipvlan and vlan: a parent NIC on every node the pods may land on, and the type's own knobs. */
export function ParentFields({
  type,
  nics,
  observed,
}: {
  type: "macvlan" | "ipvlan" | "vlan";
  nics: HostLinkOption[];
  observed: boolean;
}) {
  const main = useWatch<NetworkFormInput, "main">({ name: "main" });
  const mode = "mode" in main ? main.mode : undefined;
  const modes = type === "vlan" ? [] : MODES[type];
  return (
    <div className="space-y-3">
      <HostLinkField
        name="main.master"
        label="Master interface"
        options={nics}
        observed={observed}
        what="NIC"
        placeholder="e.g. ens9"
        missingNote="pods scheduled there fail to start"
      />
      <div className="grid grid-cols-2 gap-3">
        {type === "vlan" ? (
          <TextField name="main.vlanId" label="VLAN ID" numeric placeholder="e.g. 100" hint="0–4094" />
        ) : (
          <SelectField name="main.mode" label="Mode" options={modes} hint={modes.find((m) => m.value === mode)?.note} />
        )}
        <TextField name="main.mtu" label="MTU" numeric placeholder="the master's" />
      </div>
    </div>
  );
}
