"use client";

import type { HostLinkOption } from "@/lib/network-form/host-nics";
import { CheckboxField } from "../form/checkbox-field";
import { TextField } from "../form/text-field";
import { HostLinkField } from "./host-link-field";

export function BridgeFields({ bridges, observed }: { bridges: HostLinkOption[]; observed: boolean }) {
  return (
    <div className="space-y-3">
      <HostLinkField
        name="main.bridge"
        label="Bridge name"
        options={bridges}
        observed={observed}
        what="bridge"
        placeholder="e.g. mybr0"
        missingNote="the bridge plugin creates it there, with no uplink (pods on other nodes will not reach these)"
      />
      <div className="grid grid-cols-2 gap-3">
        <TextField name="main.vlan" label="VLAN" numeric placeholder="none" hint="tag the pods' ports, 0–4094" />
        <TextField name="main.mtu" label="MTU" numeric placeholder="the bridge's" />
      </div>
      <div className="grid grid-cols-2 gap-x-3 gap-y-1">
        <CheckboxField name="main.isGateway" label="isGateway" note="give the bridge the gateway address" />
        <CheckboxField name="main.ipMasq" label="ipMasq" note="NAT traffic that leaves the network" />
        <CheckboxField name="main.hairpinMode" label="hairpinMode" note="let a pod reach itself through the bridge" />
        <CheckboxField name="main.macspoofchk" label="macspoofchk" note="drop frames not from the pod's own MAC" />
      </div>
    </div>
  );
}
