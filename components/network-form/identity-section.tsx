"use client";

import { useId } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import type { NetworkFormInput } from "@/lib/network-form/schema";
import { cn } from "../cn";
import { GroupError } from "../form/field";
import { FormSection } from "../form/form-section";
import { TextField } from "../form/text-field";

/** How the target (NAD or operator entry) is offered: not at all off OpenShift, a choice on create, fixed on edit. */
export type TargetMode = "hidden" | "choice" | "fixed-nad" | "fixed-operator";

const TARGETS = [
  {
    value: "operator",
    label: "Cluster Network Operator entry",
    note: "spec.additionalNetworks of the cluster Network; the operator renders and owns the NAD.",
  },
  {
    value: "nad",
    label: "NetworkAttachmentDefinition",
    note: "The NAD itself, written directly; the operator leaves it alone.",
  },
] as const;

export function IdentitySection({
  editing,
  namespaces,
  targetMode,
}: {
  editing: boolean;
  namespaces: string[];
  targetMode: TargetMode;
}) {
  const listId = useId();
  return (
    <FormSection
      title="Network"
      description={
        editing
          ? "The name and namespace of a network cannot change: clone it to make a renamed copy."
          : "The NAD's name is what pods put in their k8s.v1.cni.cncf.io/networks annotation."
      }
    >
      <div className="grid grid-cols-2 gap-3">
        <TextField
          name="name"
          label="Name"
          placeholder="e.g. bridge-main"
          readOnly={editing}
          hint={editing ? undefined : "lower-case letters, digits and '-', at most 63"}
        />
        <div>
          <TextField
            name="namespace"
            label="Namespace"
            list={listId}
            readOnly={editing}
            placeholder="e.g. multus-test"
            hint={editing ? undefined : "pods use it from this namespace (others name it namespace/name)"}
          />
          <datalist id={listId}>
            {namespaces.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </div>
      </div>
      <TargetPicker mode={targetMode} />
    </FormSection>
  );
}

function TargetPicker({ mode }: { mode: TargetMode }) {
  const { register } = useFormContext();
  const target = useWatch<NetworkFormInput, "target">({ name: "target" });
  const mainType = useWatch<NetworkFormInput, "main.type">({ name: "main.type" });
  const errorId = useId();
  if (mode === "hidden") return <GroupError name="target" id={errorId} />;
  if (mode === "fixed-operator" || mode === "fixed-nad") {
    return (
      <div className="mt-3">
        {mode === "fixed-operator" ? (
          <p
            data-testid="operator-managed"
            className="rounded-md border border-violet-200 bg-violet-50 px-3 py-2 text-xs text-violet-900 dark:border-violet-900 dark:bg-violet-950/60 dark:text-violet-200"
          >
            <strong className="font-semibold">Managed by the Cluster Network Operator:</strong> this edits the operator
            entry, never the NAD.
          </p>
        ) : null}
        <GroupError name="target" id={errorId} />
      </div>
    );
  }
  return (
    <fieldset className="mt-3" aria-describedby={errorId}>
      <legend className="mb-1 text-xs font-medium text-slate-700 dark:text-slate-300">Write it as</legend>
      <div className="grid grid-cols-2 gap-2">
        {TARGETS.map((t) => (
          <label
            key={t.value}
            className={cn(
              "flex cursor-pointer gap-2 rounded-md border p-2.5 text-sm transition-colors",
              target === t.value
                ? "border-sky-500 bg-sky-50 dark:border-sky-500 dark:bg-sky-950/50"
                : "border-slate-200 hover:border-slate-300 dark:border-slate-700 dark:hover:border-slate-600",
            )}
          >
            <input
              type="radio"
              value={t.value}
              {...register("target")}
              className="mt-0.5 accent-sky-600"
              aria-labelledby={`${errorId}-${t.value}-label`}
              aria-describedby={`${errorId}-${t.value}`}
            />
            <span>
              <span id={`${errorId}-${t.value}-label`} className="block font-medium">
                {t.label}
              </span>
              <span id={`${errorId}-${t.value}`} className="mt-0.5 block text-xs text-slate-500 dark:text-slate-400">
                {t.note}
              </span>
            </span>
          </label>
        ))}
      </div>
      {mainType === "sriov" && target === "operator" ? (
        <p className="mt-1.5 text-xs text-amber-700 dark:text-amber-400">
          SR-IOV needs the NAD&apos;s resourceName annotation, which an operator entry cannot carry: write it as a
          NetworkAttachmentDefinition.
        </p>
      ) : null}
      <GroupError name="target" id={errorId} />
    </fieldset>
  );
}
