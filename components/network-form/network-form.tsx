"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { type Path, type UseFormReturn, useForm } from "react-hook-form";
import { networkId } from "@/lib/contract/ids";
import type { Topology } from "@/lib/contract/schema";
import { type NetworkFormInput, type NetworkFormValues, networkFormSchema } from "@/lib/network-form/schema";
import { explorerUrl } from "../form/context-url";
import { FormNotice } from "../form/form-notice";
import type { Capabilities } from "../form/types";
import { useLeaveGuard } from "../form/use-leave-guard";
import { useWriteSubmit } from "../form/use-write-submit";
import { WriteButtons } from "../form/write-buttons";
import { WriteFormLayout } from "../form/write-form-layout";
import { useTRPC } from "../trpc";
import { IdentitySection, type TargetMode } from "./identity-section";
import { IpamSection } from "./ipam-section";
import { MainSection } from "./main-section";
import { Preview } from "./preview";

/** Server errors that name one of these go under that field; anything else is said for the whole form. */
const isFormField = (f: string): f is Path<NetworkFormInput> =>
  f === "name" || f === "namespace" || f === "target" || f.startsWith("main.") || f.startsWith("ipam.");

export interface NetworkFormProps {
  mode: "create" | "edit";
  initial: NetworkFormInput;
  context?: string;
  capabilities: Capabilities;
  /** the cluster's networks, hosts and bridges (topology.forForms): pickers and overlap checks */
  topology: Topology | null;
  /** the namespaces to offer, in picker order */
  namespaces: string[];
  targetMode: TargetMode;
  /** edit: the version the change is based on (a newer one on the server is a conflict) */
  resourceVersion?: string;
  /** edit: fetch the current version after a conflict */
  onReload?: () => void;
  /** create: the "Write it as" choice, shared with the page (its kind guide shows and switches it) */
  target?: { value: NetworkFormInput["target"]; onChange: (target: NetworkFormInput["target"]) => void };
}

/**
 * Create or edit one secondary network. Every value is checked at its field as it is typed (the schema the server
 * also applies), the preview shows exactly what will be written, and the server dry-runs every write first.
 */
export function NetworkForm({
  mode,
  initial,
  context,
  capabilities,
  topology,
  namespaces,
  targetMode,
  resourceVersion,
  onReload,
  target,
}: NetworkFormProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const form = useForm<NetworkFormInput, unknown, NetworkFormValues>({
    resolver: zodResolver(networkFormSchema),
    mode: "onChange",
    defaultValues: initial,
  });
  useSharedTarget(form, target);
  const save = useMutation(trpc.networks.save.mutationOptions());
  const [version, setVersion] = useState(resourceVersion);
  const readOnly = capabilities.writes === "none";
  const self = mode === "edit" ? { namespace: initial.namespace, name: initial.name } : undefined;
  const { run, notice, pending } = useWriteSubmit({
    form,
    mutation: save,
    variables: (data: NetworkFormValues, dryRunOnly) => ({
      ...(context ? { context } : {}),
      form: data,
      mode,
      ...(version ? { resourceVersion: version } : {}),
      dryRunOnly,
    }),
    fieldOf: (f) => (isFormField(f) ? f : null),
    conflicts: mode === "edit",
    onWritten: async (result, data) => {
      // Not networks.get: the edit page would re-read and remount the form, losing this notice. The new version is kept here.
      await queryClient.invalidateQueries(trpc.topology.pathFilter());
      const selected = networkId(data.namespace, data.name);
      if (mode === "create") {
        router.push(explorerUrl(context, selected));
        return null;
      }
      if (data.target === "nad" && result.resourceVersion) setVersion(result.resourceVersion);
      form.reset(form.getValues());
      return {
        tone: "ok",
        text: (
          <>
            Saved{data.target === "operator" ? " to the operator entry: the operator re-renders the NAD" : ""}.{" "}
            <Link href={explorerUrl(context, selected)} className="font-medium underline">
              Show it in the topology
            </Link>
          </>
        ),
      };
    },
  });
  // Saved or not yet touched: leaving loses nothing. While a save is on its way, its own navigation must not ask.
  useLeaveGuard(form.formState.isDirty && pending !== "write");

  const busy = pending !== null || form.formState.isSubmitting;
  const why = readOnly
    ? `${capabilities.readOnlyReason ?? "This cluster is read-only"}: nothing can be written`
    : undefined;
  return (
    <WriteFormLayout
      form={form}
      capabilities={capabilities}
      label={mode === "create" ? "New network" : "Edit network"}
      onSubmit={(e) => void run(false)(e)}
      fields={
        <>
          <IdentitySection editing={mode === "edit"} namespaces={namespaces} targetMode={targetMode} />
          <MainSection topology={topology} />
          <IpamSection topology={topology} capabilities={capabilities} self={self} />
        </>
      }
      aside={
        <>
          <Preview mode={mode} />
          {notice ? <FormNotice notice={notice} onReload={onReload} /> : null}
          <WriteButtons
            pending={pending}
            busy={busy}
            readOnlyReason={why}
            onCheck={(e) => void run(true)(e)}
            writeLabel={mode === "create" ? "Create network" : "Save changes"}
            writingLabel="Saving…"
            cancelHref={explorerUrl(context, mode === "edit" ? networkId(initial.namespace, initial.name) : undefined)}
          />
        </>
      }
    />
  );
}

/** Keeps the form's target and the page's in step: a pick on either side shows on both. */
function useSharedTarget(
  form: UseFormReturn<NetworkFormInput, unknown, NetworkFormValues>,
  target: NetworkFormProps["target"],
) {
  const wanted = target?.value;
  const onChange = target?.onChange;
  useEffect(() => {
    if (wanted && form.getValues("target") !== wanted)
      form.setValue("target", wanted, { shouldDirty: true, shouldValidate: true });
  }, [form, wanted]);
  useEffect(() => {
    if (!onChange) return;
    const sub = form.watch((values, { name }) => {
      if (name === "target" && values.target) onChange(values.target);
    });
    return () => sub.unsubscribe();
  }, [form, onChange]);
}
