"use client";

import { useId } from "react";
import { useWatch } from "react-hook-form";
import type { NetworkFormInput } from "@/lib/network-form/schema";
import { GroupError } from "../form/field";
import { FormSection } from "../form/form-section";
import { RadioCards } from "../form/radio-cards";
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
    <div className="mt-3">
      <RadioCards
        name="target"
        legend="Write it as"
        cards={TARGETS.map((t) => ({ value: t.value, label: t.label, note: t.note }))}
      />
      {mainType === "sriov" && target === "operator" ? (
        <p className="mt-1.5 text-xs text-amber-700 dark:text-amber-400">
          SR-IOV needs the NAD&apos;s resourceName annotation, which an operator entry cannot carry: write it as a
          NetworkAttachmentDefinition.
        </p>
      ) : null}
    </div>
  );
}
