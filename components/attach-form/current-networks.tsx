"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { cn } from "@/components/cn";
import { parseNetworksAnnotation, requestKey } from "@/lib/pod/networks-annotation";
import { FormSection } from "../form/form-section";
import type { AttachFormInput } from "./types";

/**
 * The entries the workload's pod template asks for now, each with a "Remove" box: what the walk-through does by
 * replacing the annotation (`oc patch deploy/pod-a` from bridge-main to host-device-main), as a choice per entry.
 */
export function CurrentNetworks({ current }: { current: string | undefined }) {
  const { setValue } = useFormContext<AttachFormInput>();
  const namespace = useWatch<AttachFormInput, "namespace">({ name: "namespace" });
  const removing = useWatch<AttachFormInput, "remove">({ name: "remove" }) ?? [];
  const parsed = current?.trim() ? parseNetworksAnnotation(current, namespace) : null;
  if (!parsed?.ok || parsed.value.length === 0) return null;
  const toggle = (key: string, on: boolean) =>
    setValue("remove", on ? [...removing.filter((k) => k !== key), key] : removing.filter((k) => k !== key), {
      shouldDirty: true,
      shouldValidate: true,
    });
  return (
    <FormSection
      title="Networks it asks for now"
      description="Tick one to take it out of the pod template: the pods the rollout brings lose that interface."
    >
      <ul className="space-y-1.5" aria-label="Networks in the pod template">
        {parsed.value.map((r) => {
          const key = requestKey(r);
          const on = removing.includes(key);
          return (
            <li
              key={key}
              className={cn(
                "flex items-center gap-3 rounded-md border px-3 py-2 text-sm",
                on
                  ? "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950/40"
                  : "border-slate-200 bg-slate-50/70 dark:border-slate-700 dark:bg-slate-800/40",
              )}
            >
              <span
                className={cn(
                  "min-w-0 flex-1 break-all font-mono",
                  on && "text-red-800 line-through dark:text-red-300",
                )}
              >
                {key}
              </span>
              <label className="flex shrink-0 items-center gap-1.5 text-sm text-slate-700 dark:text-slate-300">
                <input type="checkbox" checked={on} onChange={(e) => toggle(key, e.target.checked)} />
                Remove <span className="sr-only">{key}</span>
              </label>
            </li>
          );
        })}
      </ul>
    </FormSection>
  );
}
