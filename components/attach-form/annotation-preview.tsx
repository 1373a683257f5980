"use client";

import { useFormContext } from "react-hook-form";
import { attachFormSchema, mergeNetworksAnnotation } from "@/lib/attach/attach";
import { toYaml } from "@/lib/k8s/yaml";
import { NETWORKS_ANNOTATION } from "@/lib/pod/annotations";
import { cn } from "../cn";
import { ErrorSummary } from "../form/error-summary";
import { firstIssues } from "../form/preview-frame";
import { cardClass } from "../form/styles";
import type { AttachFormInput } from "./types";

/** The annotation the workload's pod template will carry: what is there now, less what is removed, plus the new entries. */
export function AnnotationPreview({ current, known }: { current: string | undefined; known: boolean }) {
  const values = useFormContext<AttachFormInput>().watch();
  const parsed = attachFormSchema.safeParse(values);
  const merged =
    parsed.success && known
      ? mergeNetworksAnnotation(current, parsed.data.namespace, parsed.data.networks, parsed.data.remove)
      : null;
  return (
    <section aria-labelledby="attach-preview-title" className={cn(cardClass, "overflow-hidden")} data-testid="preview">
      <div className="flex items-baseline gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-700">
        <h2 id="attach-preview-title" className="text-sm font-semibold">
          Preview
        </h2>
        <span className="truncate text-xs text-slate-500 dark:text-slate-400">
          {parsed.success ? `${parsed.data.kind}/${parsed.data.name}` : "the pod template's annotation"}
        </span>
      </div>
      {!known ? (
        <p className="px-4 py-10 text-center text-sm text-slate-500 dark:text-slate-400">
          Pick a workload to see the preview.
        </p>
      ) : !parsed.success ? (
        // Named, as the other forms' previews do: a fresh form shows no error beside any field, and "Fix the errors"
        // alone left the user looking for one (it is the network still to choose).
        <ErrorSummary issues={firstIssues(parsed.error.issues)} />
      ) : merged && !merged.ok ? (
        <p role="alert" className="px-3 py-3 text-sm text-red-700 dark:text-red-400">
          {merged.error}
        </p>
      ) : merged ? (
        <>
          <dl className="space-y-1.5 px-3 py-2.5 text-xs">
            <div>
              <dt className="text-slate-500 dark:text-slate-400">Now</dt>
              <dd className="break-all font-mono">
                {current?.trim() ? current : <span className="font-sans italic text-slate-500">none</span>}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500 dark:text-slate-400">After</dt>
              <dd
                data-testid="merged-annotation"
                className="break-all font-mono font-semibold text-sky-800 dark:text-sky-300"
              >
                {merged.value || <span className="font-sans italic">none: the annotation is taken out</span>}
              </dd>
            </div>
          </dl>
          <figure aria-label="YAML preview">
            <pre className="max-h-64 overflow-auto whitespace-pre-wrap break-all bg-slate-900 px-3 py-2.5 font-mono text-[11.5px] leading-relaxed text-slate-100 dark:bg-slate-950">
              {toYaml({ spec: { template: { metadata: { annotations: { [NETWORKS_ANNOTATION]: merged.value } } } } })}
            </pre>
          </figure>
          <p className="border-t border-slate-200 px-3 py-2 text-[11px] leading-snug text-slate-500 dark:border-slate-700 dark:text-slate-400">
            {merged.value === (current ?? "").trim()
              ? "Nothing changes: the workload already asks for these networks."
              : "A change to the pod template: the workload's pods are replaced (a rolling restart) and come back with these networks."}
          </p>
        </>
      ) : null}
    </section>
  );
}
