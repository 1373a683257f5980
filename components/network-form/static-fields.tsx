"use client";

import { useFieldArray, useFormContext } from "react-hook-form";
import { GroupError } from "../form/field";
import { RemoveButton, RowFrame } from "../form/row-frame";
import { StringListField } from "../form/string-list-field";
import { linkButton } from "../form/styles";
import { TextField } from "../form/text-field";
import { RoutesFields } from "./routes-fields";

export function StaticFields() {
  const { control } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: "ipam.addresses" });
  return (
    <div className="space-y-4">
      <div>
        <div className="mb-1 flex items-baseline justify-between">
          <h4 className="text-xs font-medium text-slate-700 dark:text-slate-300">Addresses</h4>
          <button type="button" className={linkButton} onClick={() => append({ address: "", gateway: "" })}>
            + Add address
          </button>
        </div>
        <p className="mb-2 text-xs text-slate-500 dark:text-slate-400">
          Every pod on this network gets these addresses: two pods on one segment would clash, so give per-pod addresses
          in the pod&apos;s annotation instead when several pods use it.
        </p>
        <div className="space-y-2">
          {fields.map((f, i) => {
            const n = i === 0 ? "" : ` (address ${i + 1})`;
            return (
              <RowFrame key={f.id}>
                <TextField
                  name={`ipam.addresses.${i}.address`}
                  label={
                    <>
                      Address<span className="sr-only">{n}</span>
                    </>
                  }
                  placeholder="192.168.20.10/24"
                  deps={[`ipam.addresses.${i}.gateway`]}
                />
                <TextField
                  name={`ipam.addresses.${i}.gateway`}
                  label={
                    <>
                      Gateway<span className="sr-only">{n}</span>
                    </>
                  }
                  placeholder="optional"
                />
                <RemoveButton
                  label={`Remove address ${i + 1}`}
                  disabled={fields.length === 1}
                  onClick={() => remove(i)}
                />
              </RowFrame>
            );
          })}
        </div>
        <GroupError name="ipam.addresses" id="ipam-addresses-error" />
      </div>
      <RoutesFields />
      <StringListField
        name="ipam.dns.nameservers"
        title="DNS"
        itemLabel="Nameserver"
        removeLabel="nameserver"
        placeholder="192.168.20.1"
        addLabel="Add nameserver"
        empty="No DNS servers: the pod keeps the cluster's resolv.conf."
      />
    </div>
  );
}
