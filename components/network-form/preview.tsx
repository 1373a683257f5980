"use client";

import { useMemo } from "react";
import { useFormContext } from "react-hook-form";
import { toYaml } from "@/lib/k8s/yaml";
import { type NetworkFormInput, networkFormSchema, toNad, toOperatorEntry } from "@/lib/network-form/schema";
import { firstIssues, PreviewFrame, type PreviewState } from "../form/preview-frame";

/** What the form stands for right now, or why there is nothing to show. */
export function previewOf(values: NetworkFormInput, mode: "create" | "edit"): PreviewState {
  const parsed = networkFormSchema.safeParse(values);
  if (!parsed.success) {
    return { ok: false, issues: firstIssues(parsed.error.issues) };
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
  return <PreviewFrame preview={preview} />;
}
