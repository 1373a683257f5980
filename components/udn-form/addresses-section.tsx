"use client";

import { useFormContext, useWatch } from "react-hook-form";
import type { UdnFormInput } from "@/lib/udn-form/schema";
import { CheckboxField } from "../form/checkbox-field";
import { GroupError } from "../form/field";
import { FormSection } from "../form/form-section";
import { RemoveButton } from "../form/row-frame";
import { SelectField } from "../form/select-field";
import { StringListField } from "../form/string-list-field";
import { linkButton } from "../form/styles";
import { TextField } from "../form/text-field";

/** Layer3's subnets: a CIDR and the size of each node's part of it. */
function Layer3Subnets() {
  const { setValue, getValues } = useFormContext<UdnFormInput>();
  const rows = useWatch<UdnFormInput, "layer3Subnets">({ name: "layer3Subnets" }) ?? [];
  const set = (next: UdnFormInput["layer3Subnets"]) =>
    setValue("layer3Subnets", next, { shouldDirty: true, shouldValidate: true });
  return (
    <div>
      <div className="mb-1 flex items-baseline justify-between">
        <h4 className="text-xs font-medium text-slate-700 dark:text-slate-300">Subnets (one per IP family)</h4>
        <button
          type="button"
          className={linkButton}
          onClick={() => set([...getValues("layer3Subnets"), { cidr: "", hostSubnet: "" }])}
        >
          + Add subnet
        </button>
      </div>
      <div className="space-y-2">
        {rows.map((_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
          <div key={i} className="grid grid-cols-[1fr_12rem_auto] items-start gap-2">
            <TextField name={`layer3Subnets.${i}.cidr`} label={`CIDR ${i + 1}`} placeholder="10.200.0.0/16" />
            <TextField
              name={`layer3Subnets.${i}.hostSubnet`}
              label={`Host subnet ${i + 1} (prefix)`}
              numeric
              placeholder="default"
            />
            <RemoveButton
              label={`Remove subnet ${i + 1}`}
              onClick={() => set(getValues("layer3Subnets").filter((__, j) => j !== i))}
            />
          </div>
        ))}
      </div>
      <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
        Each node gets a /host-subnet part of the CIDR. Empty: /24 for IPv4, /64 for IPv6 (OVN-Kubernetes&apos;
        default), so a CIDR of /24 or smaller needs one.
      </p>
      <GroupError name="layer3Subnets" id="layer3Subnets-error" />
    </div>
  );
}

/** Layer2 and Localnet addressing: IPAM on or off, subnets, persistent IPs; Localnet's excluded subnets. */
function FlatSubnets({ topology }: { topology: UdnFormInput["topology"] }) {
  const ipamMode = useWatch<UdnFormInput, "ipamMode">({ name: "ipamMode" });
  // A list the CRD forbids in this state stays on screen while it has entries: its message says to remove them.
  const subnets = useWatch<UdnFormInput, "subnets">({ name: "subnets" }) ?? [];
  const excluded = useWatch<UdnFormInput, "excludeSubnets">({ name: "excludeSubnets" }) ?? [];
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-2 gap-3">
        <SelectField
          name="ipamMode"
          label="IPAM"
          options={[
            { value: "Enabled", label: "Enabled" },
            { value: "Disabled", label: "Disabled (MAC only)" },
          ]}
          hint={
            ipamMode === "Disabled"
              ? "addresses are up to you (e.g. a DHCP server on the physical network); Secondary only"
              : "OVN-Kubernetes assigns addresses from the subnets below"
          }
        />
        <div className="self-end">
          <CheckboxField
            name="persistentIps"
            label="ipam.lifecycle: Persistent"
            note="Keep a pod's (VM's) addresses across restarts and live migration, in IPAMClaims."
          />
        </div>
      </div>
      {ipamMode === "Disabled" && subnets.length === 0 ? (
        <GroupError name="subnets" id="subnets-error" />
      ) : (
        <StringListField
          name="subnets"
          title="Subnets (one per IP family)"
          itemLabel="Subnet"
          removeLabel="subnet"
          placeholder="10.100.0.0/16"
          addLabel="Add subnet"
          empty="No subnet: add one, or turn IPAM off."
        />
      )}
      {topology === "Localnet" && (ipamMode !== "Disabled" || excluded.length > 0) ? (
        <StringListField
          name="excludeSubnets"
          title="Excluded subnets (never assigned: gateways, hosts already on that network)"
          itemLabel="Excluded subnet"
          removeLabel="excluded subnet"
          placeholder="192.168.100.1/32"
          addLabel="Exclude"
          empty="None excluded."
        />
      ) : null}
    </div>
  );
}

export function UdnAddressesSection() {
  const topology = useWatch<UdnFormInput, "topology">({ name: "topology" });
  const role = useWatch<UdnFormInput, "role">({ name: "role" });
  const join = useWatch<UdnFormInput, "joinSubnets">({ name: "joinSubnets" }) ?? [];
  return (
    <FormSection title="Addresses" description="Which addresses OVN-Kubernetes gives the pods on this network.">
      {topology === "Layer3" ? <Layer3Subnets /> : <FlatSubnets topology={topology} />}
      {(topology !== "Localnet" && role === "Primary") || join.length > 0 ? (
        <div className="mt-3">
          <StringListField
            name="joinSubnets"
            title="Join subnets (Primary only; leave empty unless they clash with your addresses)"
            itemLabel="Join subnet"
            removeLabel="join subnet"
            placeholder="100.65.0.0/16"
            addLabel="Add join subnet"
            empty="OVN-Kubernetes' default."
          />
        </div>
      ) : (
        <GroupError name="joinSubnets" id="joinSubnets-error" />
      )}
    </FormSection>
  );
}
