"use client";

import { useWatch } from "react-hook-form";
import type { UdnFormInput } from "@/lib/udn-form/schema";
import { FormSection } from "../form/form-section";
import { RadioCards } from "../form/radio-cards";
import { TextField } from "../form/text-field";

/** Topology, role and MTU: what kind of OVN network it is and how pods get it. */
export function UdnTopologySection() {
  const kind = useWatch<UdnFormInput, "kind">({ name: "kind" });
  const topology = useWatch<UdnFormInput, "topology">({ name: "topology" });
  return (
    <FormSection title="Topology" description="How OVN-Kubernetes builds the network, and how pods get it.">
      <RadioCards
        name="topology"
        legend="Topology"
        columns={3}
        cards={[
          {
            value: "Layer2",
            label: "Layer2",
            note: "One logical switch across all nodes: pods share one segment wherever they run (VMs keep their IP when they migrate).",
          },
          {
            value: "Layer3",
            label: "Layer3",
            note: "A subnet per node, routed between the nodes, like the cluster's default network.",
          },
          {
            value: "Localnet",
            label: "Localnet",
            note: "Straight onto a physical network through an OVS bridge mapping on each node, optionally in a VLAN.",
            off: kind === "UserDefinedNetwork" ? "ClusterUserDefinedNetwork only: choose that kind above" : null,
          },
        ]}
      />
      <div className="mt-3">
        <RadioCards
          name="role"
          legend="Role"
          cards={[
            {
              value: "Primary",
              label: "Primary",
              note: "The pods' own network: every pod of the namespace gets it instead of the cluster network. The namespace must carry the label k8s.ovn.org/primary-user-defined-network from its creation.",
              off: topology === "Localnet" ? "Localnet networks are Secondary only" : null,
            },
            {
              value: "Secondary",
              label: "Secondary",
              note: "An extra interface, for pods that ask for it in their k8s.v1.cni.cncf.io/networks annotation.",
            },
          ]}
        />
      </div>
      <div className="mt-3 grid grid-cols-2 gap-3">
        <TextField
          name="mtu"
          label="MTU"
          numeric
          placeholder={topology === "Localnet" ? "1500 (localnet default)" : "1400 (default)"}
          hint={
            topology === "Localnet"
              ? "optional: OVN-Kubernetes' default, or the physical network's MTU; 576 to 65536, at least 1280 with IPv6"
              : "optional: OVN-Kubernetes' default; 576 to 65536, at least 1280 with IPv6"
          }
        />
      </div>
    </FormSection>
  );
}
