"use client";

import { SelectField } from "../form/select-field";
import { TextField } from "../form/text-field";

const ON_OFF = [
  { value: "", label: "unset (the VF's default)" },
  { value: "on", label: "on" },
  { value: "off", label: "off" },
];

export function SriovFields() {
  return (
    <div className="space-y-3">
      <TextField
        name="main.resourceName"
        label="Resource name"
        placeholder="intel.com/intel_sriov_netdevice"
        hint="Written as the NAD's k8s.v1.cni.cncf.io/resourceName: the SR-IOV device plugin gives each pod a VF of this pool and its PCI address."
      />
      <div className="grid grid-cols-3 gap-3">
        <TextField name="main.vlan" label="VLAN" numeric placeholder="none" hint="0–4094" />
        <SelectField name="main.spoofchk" label="spoofchk" options={ON_OFF} />
        <SelectField name="main.trust" label="trust" options={ON_OFF} />
      </div>
    </div>
  );
}
