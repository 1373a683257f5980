"use client";

import type { HostLinkOption } from "@/lib/network-form/host-nics";
import { TextField } from "../form/text-field";
import { HostLinkField } from "./host-link-field";

export function HostDeviceFields({ nics, observed }: { nics: HostLinkOption[]; observed: boolean }) {
  return (
    <div className="space-y-3">
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Give one of these. The device leaves the node for the one pod that gets it: a second pod on that node cannot
        have it, and a NIC carrying the node&apos;s IP takes the node off the network.
      </p>
      <HostLinkField
        name="main.device"
        label="Device name"
        options={nics}
        moving
        observed={observed}
        what="NIC"
        placeholder="e.g. ens8"
        missingNote="pods scheduled there fail to start (a device already in a pod is not reported either)"
      />
      <div className="grid grid-cols-2 gap-3">
        <TextField
          name="main.hwaddr"
          label="MAC address (hwaddr)"
          placeholder="00:1a:4a:16:06:76"
          deps={["main.device"]}
        />
        <TextField
          name="main.pciBusID"
          label="PCI address (pciBusID)"
          placeholder="0000:18:00.1"
          deps={["main.device"]}
        />
      </div>
    </div>
  );
}
