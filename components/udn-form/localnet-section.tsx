"use client";

import { FormSection } from "../form/form-section";
import { TextField } from "../form/text-field";

/** Localnet: which physical network (a bridge mapping's name on the nodes) and which VLAN on it. */
export function UdnLocalnetSection() {
  return (
    <FormSection
      title="Physical network"
      description="Pods leave the node through the OVS bridge that the nodes' bridge mapping names for this network."
    >
      <div className="grid grid-cols-2 gap-3">
        <TextField
          name="physicalNetworkName"
          label="Physical network name"
          placeholder="e.g. physnet1"
          hint="the localnet name of a bridge mapping on every node that runs its pods (NNCP: desiredState.ovn.bridge-mappings[].localnet)"
        />
        <TextField
          name="vlanId"
          label="VLAN (access)"
          numeric
          placeholder="none: the network's untagged VLAN"
          hint="optional, 1 to 4094: OVN-Kubernetes tags the pods' traffic with it"
        />
      </div>
    </FormSection>
  );
}
