"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useMemo } from "react";
import { type Path, useForm, useFormState, useWatch } from "react-hook-form";
import { UDN_FORM_FIELDS } from "@/lib/udn-form/fields";
import { type UdnFormInput, type UdnFormValues, udnFormSchemaAgainst } from "@/lib/udn-form/schema";
import { withContext } from "../form/context-url";
import { FormNotice } from "../form/form-notice";
import type { Capabilities } from "../form/types";
import { useLeaveGuard } from "../form/use-leave-guard";
import { useWriteSubmit } from "../form/use-write-submit";
import { WriteButtons } from "../form/write-buttons";
import { WriteFormLayout } from "../form/write-form-layout";
import { useTRPC } from "../trpc";
import { UdnAddressesSection } from "./addresses-section";
import { UdnIdentitySection } from "./identity-section";
import { UdnLocalnetSection } from "./localnet-section";
import { UdnSelectorSection } from "./selector-section";
import { UdnTopologySection } from "./topology-section";
import type { UdnAvailability } from "./types";
import { UdnPreview } from "./udn-preview";
import { udnViewUrl } from "./urls";

const isFormField = (f: string): f is Path<UdnFormInput> =>
  UDN_FORM_FIELDS.some((k) => f === k || f.startsWith(`${k}.`));

/**
 * Re-check, on every change, the fields the user has already touched (and those showing a message): the CRD's rules
 * tie fields together (a role makes join subnets wrong, IPAM off makes subnets wrong), and a message must appear or
 * go where the user looks, not only on the field last typed in. Untouched fields stay quiet.
 */
function useCrossFieldChecks(form: ReturnType<typeof useForm<UdnFormInput, unknown, UdnFormValues>>) {
  const values = useWatch({ control: form.control });
  const { dirtyFields, errors } = useFormState({ control: form.control });
  const touched = UDN_FORM_FIELDS.filter((k) => k in dirtyFields || k in errors).join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run on every value change (values), for the fields touched so far
  useEffect(() => {
    const names = UDN_FORM_FIELDS.filter((k) => touched.split(",").includes(k));
    if (names.length > 0) void form.trigger(names);
  }, [values, touched, form]);
}

/** Create a UserDefinedNetwork or ClusterUserDefinedNetwork: checked as typed, dry-run by the API server, then created. */
export function UdnForm({
  initial,
  context,
  capabilities,
  available,
  namespaces,
  nads,
}: {
  initial: UdnFormInput;
  context?: string;
  capabilities: Capabilities;
  available: UdnAvailability;
  namespaces: string[];
  /** the cluster's NADs: a name one already has is refused (OVN-Kubernetes would not render this network there) */
  nads: { namespace: string; name: string }[];
}) {
  const trpc = useTRPC();
  const schema = useMemo(() => udnFormSchemaAgainst(nads), [nads]);
  const form = useForm<UdnFormInput, unknown, UdnFormValues>({
    resolver: zodResolver(schema),
    mode: "onChange",
    defaultValues: initial,
  });
  useCrossFieldChecks(form);
  const save = useMutation(trpc.udn.save.mutationOptions());
  const kind = useWatch({ control: form.control, name: "kind" });
  const topology = useWatch({ control: form.control, name: "topology" });
  const { run, notice, pending } = useWriteSubmit({
    form,
    mutation: save,
    variables: (data: UdnFormValues, dryRunOnly) => ({ ...(context ? { context } : {}), form: data, dryRunOnly }),
    fieldOf: (f) => (isFormField(f) ? f : null),
    conflicts: false,
    onWritten: async (_result, data) => {
      form.reset(form.getValues());
      const ref = {
        kind: data.kind,
        name: data.name,
        ...(data.kind === "UserDefinedNetwork" ? { namespace: data.namespace } : {}),
      };
      return {
        tone: "ok",
        text: (
          <>
            Created {data.kind} {ref.namespace ? `${ref.namespace}/` : ""}
            {data.name}: OVN-Kubernetes renders its NAD next.{" "}
            <Link href={udnViewUrl(ref, context)} className="font-medium underline">
              Open it
            </Link>
          </>
        ),
      };
    },
  });
  useLeaveGuard(form.formState.isDirty && pending !== "write");
  const readOnly = capabilities.writes === "none";
  const why = readOnly
    ? `${capabilities.readOnlyReason ?? "This cluster is read-only"}: nothing can be written`
    : undefined;
  return (
    <WriteFormLayout
      form={form}
      capabilities={capabilities}
      label="New user-defined network"
      onSubmit={(e) => void run(false)(e)}
      fields={
        <>
          <UdnIdentitySection available={available} namespaces={namespaces} readOnly={false} />
          <UdnTopologySection />
          {topology === "Localnet" ? <UdnLocalnetSection /> : null}
          <UdnAddressesSection />
          {kind === "ClusterUserDefinedNetwork" ? <UdnSelectorSection /> : null}
        </>
      }
      aside={
        <>
          <UdnPreview schema={schema} />
          {notice ? <FormNotice notice={notice} /> : null}
          <WriteButtons
            pending={pending}
            busy={pending !== null || form.formState.isSubmitting}
            readOnlyReason={why}
            onCheck={(e) => void run(true)(e)}
            writeLabel={`Create ${kind}`}
            writingLabel="Creating…"
            cancelHref={withContext("/networks/new", context)}
          />
        </>
      }
    />
  );
}
