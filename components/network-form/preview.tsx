"use client";

import { useMemo, useState } from "react";
import { useFormContext } from "react-hook-form";
import { toYaml } from "@/lib/k8s/yaml";
import { type NetworkFormInput, networkFormSchema, toNad, toOperatorEntry } from "@/lib/network-form/schema";
import { cn } from "../cn";
import { ErrorSummary, type FormIssue } from "../form/error-summary";
import { cardClass, linkButton } from "../form/styles";

/** What the form stands for right now, or why there is nothing to show. */
export function previewOf(
  values: NetworkFormInput,
  mode: "create" | "edit",
): { ok: true; title: string; caption: string; yaml: string } | { ok: false; issues: FormIssue[] } {
  const parsed = networkFormSchema.safeParse(values);
  if (!parsed.success) {
    // One line per field, its first message: what the field itself shows.
    const issues = new Map<string, string>();
    for (const i of parsed.error.issues) {
      const path = i.path.join(".");
      if (!issues.has(path)) issues.set(path, i.message);
    }
    return { ok: false, issues: [...issues].map(([path, message]) => ({ path, message })) };
  }
  const f = parsed.data;
  if (f.target === "operator") {
    return {
      ok: true,
      title: "Operator entry",
      caption: `${mode === "create" ? "Added to" : "Replaces its entry in"} spec.additionalNetworks of networks.operator.openshift.io/cluster; the other entries stay as they are. The operator renders the NAD ${f.namespace}/${f.name} from it.`,
      yaml: toYaml({ spec: { additionalNetworks: [toOperatorEntry(f)] } }),
    };
  }
  return {
    ok: true,
    title: "NetworkAttachmentDefinition",
    caption:
      mode === "create"
        ? `Created as ${f.namespace}/${f.name}.`
        : `Replaces the spec of ${f.namespace}/${f.name}; its other labels and annotations are kept.`,
    yaml: toYaml(toNad(f)),
  };
}

/** The live preview: exactly what will be written, as YAML, updated as the user types. */
export function Preview({ mode }: { mode: "create" | "edit" }) {
  const values = useFormContext<NetworkFormInput>().watch();
  const preview = useMemo(() => previewOf(values, mode), [values, mode]);
  const [copied, setCopied] = useState(false);
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 1500);
    } catch {
      // No clipboard (plain http): the text is selectable.
    }
  };
  return (
    <section
      aria-labelledby="preview-title"
      className={cn(cardClass, "flex min-h-0 flex-col overflow-hidden")}
      data-testid="preview"
    >
      <div className="flex items-baseline gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-700">
        <h2 id="preview-title" className="text-sm font-semibold">
          Preview
        </h2>
        <span className="truncate text-xs text-slate-500 dark:text-slate-400">
          {preview.ok ? preview.title : "what will be written"}
        </span>
        {preview.ok ? (
          <button type="button" className={cn(linkButton, "ml-auto")} onClick={() => void copy(preview.yaml)}>
            {copied ? "Copied" : "Copy YAML"}
          </button>
        ) : null}
      </div>
      {preview.ok ? (
        <>
          <figure aria-label="YAML preview" className="flex min-h-0 flex-1 flex-col">
            <pre className="min-h-0 flex-1 overflow-auto bg-slate-900 px-3 py-2.5 font-mono text-[11.5px] leading-relaxed whitespace-pre-wrap break-all text-slate-100 dark:bg-slate-950">
              {preview.yaml}
            </pre>
          </figure>
          <p className="border-t border-slate-200 px-3 py-2 text-[11px] leading-snug text-slate-500 dark:border-slate-700 dark:text-slate-400">
            {preview.caption}
          </p>
        </>
      ) : (
        <ErrorSummary issues={preview.issues} />
      )}
    </section>
  );
}
