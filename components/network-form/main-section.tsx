"use client";

import { useWatch } from "react-hook-form";
import type { Topology } from "@/lib/contract/schema";
import { MAIN_TYPES } from "@/lib/network-form/defaults";
import { hostBridges, hostNics, linksObserved } from "@/lib/network-form/host-nics";
import type { NetworkFormInput } from "@/lib/network-form/schema";
import { FormSection } from "../form/form-section";
import { BridgeFields } from "./bridge-fields";
import { HostDeviceFields } from "./host-device-fields";
import { ParentFields } from "./parent-fields";
import { RawFields } from "./raw-fields";
import { SriovFields } from "./sriov-fields";
import { TypePicker } from "./type-picker";

const NOTES: Record<string, string> = {
  bridge:
    "A Linux bridge per node. Without a host NIC as its port (an uplink) each node's bridge is an island: pods on different nodes do not reach each other.",
  macvlan: "Each pod gets its own MAC on the master NIC; the pods reach the NIC's network, not the node itself.",
  ipvlan: "Pods share the master NIC's MAC: for networks that allow one MAC per port.",
  "host-device": "Moves a whole NIC from the node into one pod.",
  vlan: "An 802.1Q sub-interface of the master NIC in each pod.",
  sriov: "A virtual function of an SR-IOV NIC, handed out by the device plugin.",
  raw: "Anything the structured fields do not cover: chained plugins (tuning, ...), other CNI types, extra keys.",
};

/** The main plugin: the type, then that type's fields, fed by what the nodes report. */
export function MainSection({ topology }: { topology: Topology | null }) {
  const type = useWatch<NetworkFormInput, "main.type">({ name: "main.type" });
  const observed = linksObserved(topology);
  const nics = topology ? hostNics(topology) : [];
  const label = MAIN_TYPES.find((t) => t.type === type)?.label ?? type;
  return (
    <FormSection title="Type" description="The CNI plugin that creates the pod's interface.">
      <TypePicker />
      <div className="mt-4 border-t border-slate-100 pt-3 dark:border-slate-800">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label} settings</h3>
        <p className="mb-3 mt-0.5 text-xs text-slate-500 dark:text-slate-400">{NOTES[type]}</p>
        {type === "bridge" ? (
          <BridgeFields bridges={topology ? hostBridges(topology) : []} observed={observed} />
        ) : null}
        {type === "macvlan" || type === "ipvlan" || type === "vlan" ? (
          <ParentFields key={type} type={type} nics={nics} observed={observed} />
        ) : null}
        {type === "host-device" ? <HostDeviceFields nics={nics} observed={observed} /> : null}
        {type === "sriov" ? <SriovFields /> : null}
        {type === "raw" ? <RawFields /> : null}
      </div>
    </FormSection>
  );
}
