"use client";

import { useFormContext, useWatch } from "react-hook-form";
import type { UdnFormInput } from "@/lib/udn-form/schema";
import { GroupError } from "../form/field";
import { FormSection } from "../form/form-section";
import { RemoveButton } from "../form/row-frame";
import { StringListField } from "../form/string-list-field";
import { linkButton } from "../form/styles";
import { TextField } from "../form/text-field";

/** A CUDN's namespaceSelector: namespaces by name (kubernetes.io/metadata.name In …) and by labels, both must match. */
export function UdnSelectorSection() {
  const { setValue, getValues } = useFormContext<UdnFormInput>();
  const labels = useWatch<UdnFormInput, "selectorLabels">({ name: "selectorLabels" }) ?? [];
  const set = (next: UdnFormInput["selectorLabels"]) =>
    setValue("selectorLabels", next, { shouldDirty: true, shouldValidate: true });
  return (
    <FormSection
      title="Namespaces"
      description="OVN-Kubernetes renders the NAD in each namespace the selector matches, now and when namespaces come or change."
    >
      <StringListField
        name="selectorNamespaces"
        title="By name"
        itemLabel="Namespace"
        removeLabel="namespace"
        placeholder="e.g. tenant-blue"
        addLabel="Add namespace"
        empty="None by name."
      />
      <div className="mt-3">
        <div className="mb-1 flex items-baseline justify-between">
          <h4 className="text-xs font-medium text-slate-700 dark:text-slate-300">By labels (all must match)</h4>
          <button
            type="button"
            className={linkButton}
            onClick={() => set([...getValues("selectorLabels"), { key: "", value: "" }])}
          >
            + Add label
          </button>
        </div>
        {labels.length === 0 ? <p className="text-xs text-slate-500 dark:text-slate-400">None by label.</p> : null}
        <div className="space-y-2">
          {labels.map((_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
            <div key={i} className="grid grid-cols-[1fr_1fr_auto] items-start gap-2">
              <TextField name={`selectorLabels.${i}.key`} label={`Label key ${i + 1}`} placeholder="e.g. tenant" />
              <TextField name={`selectorLabels.${i}.value`} label={`Label value ${i + 1}`} placeholder="e.g. blue" />
              <RemoveButton
                label={`Remove label ${i + 1}`}
                onClick={() => set(getValues("selectorLabels").filter((__, j) => j !== i))}
              />
            </div>
          ))}
        </div>
        <GroupError name="selectorLabels" id="selectorLabels-error" />
      </div>
    </FormSection>
  );
}
