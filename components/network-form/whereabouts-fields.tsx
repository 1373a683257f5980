"use client";

import { StringListField } from "../form/string-list-field";
import { TextField } from "../form/text-field";
import { RoutesFields } from "./routes-fields";

export function WhereaboutsFields() {
  return (
    <div className="space-y-4">
      <div className="grid grid-cols-2 gap-3">
        <TextField
          name="ipam.range"
          label="Range"
          placeholder="192.168.12.0/24"
          hint="the pool, as a CIDR"
          deps={["ipam.range_start", "ipam.range_end", "ipam.gateway", "ipam.exclude"]}
        />
        <TextField name="ipam.gateway" label="Gateway" placeholder="optional" />
        <TextField
          name="ipam.range_start"
          label="Range start"
          placeholder="first address handed out"
          deps={["ipam.range_end"]}
        />
        <TextField
          name="ipam.range_end"
          label="Range end"
          placeholder="last address handed out"
          deps={["ipam.range_start"]}
        />
      </div>
      <StringListField
        name="ipam.exclude"
        title="Exclude"
        itemLabel="Excluded CIDR"
        removeLabel="exclusion"
        placeholder="192.168.12.1/32"
        addLabel="Add exclusion"
        empty="Nothing excluded: every address in the range may be handed out (exclude the gateway and addresses in use outside the cluster)."
      />
      <RoutesFields />
    </div>
  );
}
