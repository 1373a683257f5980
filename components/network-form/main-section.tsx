"use client";

import { useWatch } from "react-hook-form";
import type { Topology } from "@/lib/contract/schema";
import { type FormType, MAIN_TYPES } from "@/lib/network-form/defaults";
import { hostBridges, hostNics, linksObserved } from "@/lib/network-form/host-nics";
import type { NetworkFormInput } from "@/lib/network-form/schema";
import { declaredFields } from "@/lib/plugins/registry";
import { FormSection } from "../form/form-section";
import { BridgeFields } from "./bridge-fields";
import { DeclaredFields } from "./declared-fields";
import { HostDeviceFields } from "./host-device-fields";
import { ParentFields } from "./parent-fields";
import { RawFields } from "./raw-fields";
import { SriovFields } from "./sriov-fields";
import { TypePicker } from "./type-picker";

/** The main plugin: the type, then that type's fields, fed by what the nodes report. */
export function MainSection({ topology }: { topology: Topology | null }) {
  const type = useWatch<NetworkFormInput, "main.type">({ name: "main.type" });
  const picked = MAIN_TYPES.find((t) => t.type === type);
  return (
    <FormSection title="Type" description="The CNI plugin that creates the pod's interface.">
      <TypePicker />
      <div className="mt-4 border-t border-slate-100 pt-3 dark:border-slate-800">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
          {picked?.label ?? type} settings
        </h3>
        <p className="mb-3 mt-0.5 text-xs text-slate-500 dark:text-slate-400">{picked?.note}</p>
        <Fields type={type} topology={topology} />
      </div>
    </FormSection>
  );
}

/** Each type's settings: a component of its own, or the fields its descriptor lists (lib/plugins/). */
function Fields({ type, topology }: { type: FormType; topology: Topology | null }) {
  const observed = linksObserved(topology);
  const nics = topology ? hostNics(topology) : [];
  switch (type) {
    case "bridge":
      return <BridgeFields bridges={topology ? hostBridges(topology) : []} observed={observed} />;
    case "macvlan":
    case "ipvlan":
    case "vlan":
      return <ParentFields key={type} type={type} nics={nics} observed={observed} />;
    case "host-device":
      return <HostDeviceFields nics={nics} observed={observed} />;
    case "sriov":
      return <SriovFields />;
    case "tap":
      return <DeclaredFields fields={declaredFields(type) ?? []} />;
    case "raw":
      return <RawFields />;
  }
}
