"use client";

import { useMemo } from "react";
import { useFormContext } from "react-hook-form";
import { toYaml } from "@/lib/k8s/yaml";
import type { UdnFormInput, UdnFormSchema } from "@/lib/udn-form/schema";
import { toUdnObject } from "@/lib/udn-form/to-object";
import { firstIssues, PreviewFrame, type PreviewState } from "../form/preview-frame";

/** The object the form creates, exactly (the API stores it as sent: the CRDs default nothing). */
export function udnPreviewOf(values: UdnFormInput, schema: UdnFormSchema): PreviewState {
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { ok: false, issues: firstIssues(parsed.error.issues) };
  const f = parsed.data;
  const where =
    f.kind === "UserDefinedNetwork"
      ? `Created as ${f.namespace}/${f.name}. OVN-Kubernetes then renders the NAD ${f.namespace}/${f.name} from it`
      : `Created as ${f.name} (cluster-scoped). OVN-Kubernetes then renders a NAD ${f.name} in every namespace it selects`;
  return {
    ok: true,
    title: f.kind,
    caption: `${where} and reports how that went in its status conditions. Its spec cannot be changed afterwards (the CRD's rule): delete and re-create to change it.`,
    yaml: toYaml(toUdnObject(f)),
  };
}

/** `schema`: the form's own (udnFormSchemaAgainst the cluster's NADs), so the preview and the fields agree. */
export function UdnPreview({ schema }: { schema: UdnFormSchema }) {
  const values = useFormContext<UdnFormInput>().watch();
  const preview = useMemo(() => udnPreviewOf(values, schema), [values, schema]);
  return <PreviewFrame preview={preview} />;
}
