"use client";

import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import type { NetworkElement } from "@/lib/contract/schema";
import { Field, GroupError } from "../form/field";
import { FormSection } from "../form/form-section";
import { RemoveButton } from "../form/row-frame";
import { linkButton, selectClass } from "../form/styles";
import { TextField } from "../form/text-field";
import { type AttachFormInput, emptyEntry } from "./types";

function summary(n: NetworkElement): string {
  const ipam = n.ipam
    ? n.ipam.type === "none"
      ? "no IPAM"
      : `${n.ipam.type}${n.ipam.ranges[0] ? ` ${n.ipam.ranges[0].subnet}` : n.ipam.addresses[0] ? ` ${n.ipam.addresses[0]}` : ""}`
    : "";
  return [n.cniType ?? "invalid config", n.master ?? n.bridge ?? n.device, ipam].filter(Boolean).join(" · ");
}

/** A network in the pod's namespace is named bare; one elsewhere as namespace/name. */
export const refOf = (n: { namespace: string; name: string }, podNamespace: string) =>
  n.namespace === podNamespace ? n.name : `${n.namespace}/${n.name}`;

export function NetworkRows({ networks }: { networks: NetworkElement[] }) {
  const { control, register } = useFormContext<AttachFormInput>();
  const { fields, append, remove } = useFieldArray({ control, name: "networks" });
  const namespace = useWatch<AttachFormInput, "namespace">({ name: "namespace" });
  const chosen = useWatch<AttachFormInput, "networks">({ name: "networks" }) ?? [];
  const local = networks.filter((n) => n.namespace === namespace);
  const other = networks.filter((n) => n.namespace !== namespace);
  const known = new Set(networks.map((n) => refOf(n, namespace)));

  return (
    <FormSection
      title="Networks to add"
      description="Each becomes one more interface in every pod of the workload. Interface, IP and MAC are optional: Multus names unnamed ones net1, net2, … in order."
      aside={
        <button type="button" className={linkButton} onClick={() => append({ ...emptyEntry })}>
          + Add another network
        </button>
      }
    >
      <div className="space-y-2">
        {fields.map((f, i) => {
          const n = i === 0 ? "" : ` (row ${i + 1})`;
          const value = chosen[i]?.network ?? "";
          const picked = networks.find((x) => refOf(x, namespace) === value);
          return (
            <div
              key={f.id}
              className="flex items-start gap-2 rounded-md border border-slate-200 bg-slate-50/70 p-2.5 dark:border-slate-700 dark:bg-slate-800/40"
            >
              <div className="grid min-w-0 flex-1 grid-cols-2 items-start gap-2">
                <Field
                  name={`networks.${i}.network`}
                  label={
                    <>
                      Network<span className="sr-only">{n}</span>
                    </>
                  }
                  hint={picked ? summary(picked) : undefined}
                >
                  {(control) => (
                    <select {...control} {...register(`networks.${i}.network`)} className={selectClass}>
                      <option value="">Choose a network…</option>
                      {value && !known.has(value) ? <option value={value}>{value}</option> : null}
                      {local.length ? (
                        <optgroup label={`In ${namespace}`}>
                          {local.map((x) => (
                            <option key={x.id} value={refOf(x, namespace)}>
                              {x.namespace}/{x.name}
                            </option>
                          ))}
                        </optgroup>
                      ) : null}
                      {other.length ? (
                        <optgroup label="Other namespaces">
                          {other.map((x) => (
                            <option key={x.id} value={refOf(x, namespace)}>
                              {x.namespace}/{x.name}
                            </option>
                          ))}
                        </optgroup>
                      ) : null}
                    </select>
                  )}
                </Field>
                <TextField
                  name={`networks.${i}.interface`}
                  label={
                    <>
                      Interface (optional)<span className="sr-only">{n}</span>
                    </>
                  }
                  placeholder={`net${i + 1}`}
                />
                <TextField
                  name={`networks.${i}.ip`}
                  label={
                    <>
                      IP address (optional)<span className="sr-only">{n}</span>
                    </>
                  }
                  placeholder="192.168.12.50/24"
                />
                <TextField
                  name={`networks.${i}.mac`}
                  label={
                    <>
                      MAC address (optional)<span className="sr-only">{n}</span>
                    </>
                  }
                  placeholder="02:23:45:67:89:01"
                />
              </div>
              <RemoveButton label={`Remove network ${i + 1}`} onClick={() => remove(i)} />
            </div>
          );
        })}
      </div>
      <GroupError name="networks" id="attach-networks-error" />
    </FormSection>
  );
}
