"use client";

import { useId } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { parseWorkloadKey, workloadKey } from "@/lib/k8s/workloads";
import { ErrorText, useFieldError } from "../form/field";
import { FormSection } from "../form/form-section";
import { labelClass, selectClass } from "../form/styles";
import type { Workload } from "../form/types";
import type { AttachFormInput } from "./types";

/** The namespace, then the Deployment, StatefulSet or DaemonSet in it whose pod template gets the networks. */
export function WorkloadSection({
  namespaces,
  workloads,
  loading,
  error,
  readOnly,
}: {
  namespaces: string[];
  workloads: Workload[];
  loading: boolean;
  error: string | null;
  readOnly: boolean;
}) {
  const { setValue, clearErrors } = useFormContext<AttachFormInput>();
  const [namespace, kind, name] = useWatch<AttachFormInput, ["namespace", "kind", "name"]>({
    name: ["namespace", "kind", "name"],
  });
  const nsId = useId();
  const wlId = useId();
  const nsError = useFieldError("namespace");
  const workloadError = useFieldError("name");
  const kindError = useFieldError("kind");
  const nameError = workloadError ?? kindError;
  const selected = workloads.find((w) => w.kind === kind && w.name === name);
  const value = selected ? workloadKey(selected) : "";

  return (
    <FormSection
      title="Workload"
      description="The networks go into its pod template's k8s.v1.cni.cncf.io/networks annotation; the entries already there are kept unless you tick them for removal below."
    >
      <div className="grid grid-cols-2 gap-3">
        <div>
          <label htmlFor={nsId} className={labelClass}>
            Namespace
          </label>
          <select
            id={nsId}
            className={selectClass}
            value={namespace}
            aria-invalid={!!nsError}
            aria-describedby={nsError ? `${nsId}-error` : undefined}
            onChange={(e) => {
              clearErrors(["name", "namespace"]);
              setValue("namespace", e.target.value, { shouldValidate: true, shouldDirty: true });
              setValue("name", "", { shouldDirty: true });
            }}
          >
            {namespaces.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <ErrorText id={`${nsId}-error`} message={nsError} />
        </div>
        <div>
          <label htmlFor={wlId} className={labelClass}>
            Workload
          </label>
          <select
            id={wlId}
            className={selectClass}
            value={value}
            disabled={loading}
            aria-invalid={!!nameError}
            aria-describedby={[`${wlId}-current`, nameError ? `${wlId}-error` : ""].filter(Boolean).join(" ")}
            onChange={(e) => {
              const picked = parseWorkloadKey(e.target.value);
              if (picked) setValue("kind", picked.kind, { shouldDirty: true });
              setValue("name", picked?.name ?? "", { shouldValidate: true, shouldDirty: true });
            }}
          >
            <option value="">
              {readOnly
                ? "Not listed: read-only"
                : loading
                  ? "Reading workloads…"
                  : workloads.length
                    ? "Choose a workload…"
                    : "No workloads in this namespace"}
            </option>
            {workloads.map((w) => (
              <option key={workloadKey(w)} value={workloadKey(w)}>
                {w.kind}/{w.name}
              </option>
            ))}
          </select>
          <ErrorText id={`${wlId}-error`} message={nameError} />
        </div>
      </div>
      <div
        id={`${wlId}-current`}
        className="mt-3 rounded-md bg-slate-50 px-3 py-2 text-xs dark:bg-slate-800/60"
        data-testid="current-annotation"
      >
        {error ? (
          <span className="text-red-700 dark:text-red-400">Could not list the workloads: {error}</span>
        ) : selected ? (
          <>
            <span className="text-slate-500 dark:text-slate-400">
              Current networks annotation of {selected.kind}/{selected.name}:{" "}
            </span>
            {selected.networks ? (
              <code className="break-all font-mono text-slate-900 dark:text-slate-100">{selected.networks}</code>
            ) : (
              <span className="italic text-slate-600 dark:text-slate-300">none (only the cluster network)</span>
            )}
          </>
        ) : (
          <span className="text-slate-500 dark:text-slate-400">
            Pick a workload to see the networks its pods ask for now.
          </span>
        )}
      </div>
    </FormSection>
  );
}
