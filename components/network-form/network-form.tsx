"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormProvider, type Path, useForm } from "react-hook-form";
import { namespacesOf } from "@/lib/network-form/host-nics";
import { type NetworkFormInput, type NetworkFormValues, networkFormSchema } from "@/lib/network-form/schema";
import { networkId } from "@/lib/topology/ids";
import type { Topology } from "@/lib/topology/schema";
import { explorerUrl } from "../form/context-url";
import { DisabledWithReason } from "../form/disabled-reason";
import { dryRunNotice, FormNotice, failedNotice, type Notice } from "../form/form-notice";
import { primaryButton, secondaryButton } from "../form/styles";
import type { Capabilities } from "../form/types";
import { useLeaveGuard } from "../form/use-leave-guard";
import { WriteBanner } from "../form/write-banner";
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
  topology: Topology | null;
  targetMode: TargetMode;
  /** edit: the version the change is based on (a newer one on the server is a conflict) */
  resourceVersion?: string;
  /** edit: fetch the current version after a conflict */
  onReload?: () => void;
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
  targetMode,
  resourceVersion,
  onReload,
}: NetworkFormProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const form = useForm<NetworkFormInput, unknown, NetworkFormValues>({
    resolver: zodResolver(networkFormSchema),
    mode: "onChange",
    defaultValues: initial,
  });
  const save = useMutation(trpc.networks.save.mutationOptions());
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pending, setPending] = useState<"check" | "save" | null>(null);
  const [version, setVersion] = useState(resourceVersion);
  const readOnly = capabilities.writes === "none";
  // Saved or not yet touched: leaving loses nothing. While a save is on its way, its own navigation must not ask.
  useLeaveGuard(form.formState.isDirty && pending !== "save");
  const self = mode === "edit" ? { namespace: initial.namespace, name: initial.name } : undefined;

  const run = (dryRunOnly: boolean) =>
    form.handleSubmit(async (data) => {
      setNotice(null);
      setPending(dryRunOnly ? "check" : "save");
      try {
        const result = await save.mutateAsync({
          ...(context ? { context } : {}),
          form: data,
          mode,
          ...(version ? { resourceVersion: version } : {}),
          dryRunOnly,
        });
        if (!result.ok) {
          if (result.field && isFormField(result.field)) {
            form.setError(result.field, { type: "server", message: result.message }, { shouldFocus: true });
          } else if (result.status === 409 && mode === "edit") {
            setNotice({
              tone: "bad",
              conflict: true,
              text: result.message,
            });
          } else {
            setNotice({ tone: "bad", text: result.message });
          }
          return;
        }
        if (result.dryRun) {
          setNotice(dryRunNotice(result.target));
          return;
        }
        // Not networks.get: the edit page would re-read and remount the form, losing this notice. The new version is kept here.
        await queryClient.invalidateQueries(trpc.topology.pathFilter());
        const selected = networkId(data.namespace, data.name);
        if (mode === "create") {
          router.push(explorerUrl(context, selected));
          return;
        }
        if (data.target === "nad" && result.resourceVersion) setVersion(result.resourceVersion);
        form.reset(form.getValues());
        setNotice({
          tone: "ok",
          text: (
            <>
              Saved{data.target === "operator" ? " to the operator entry: the operator re-renders the NAD" : ""}.{" "}
              <Link href={explorerUrl(context, selected)} className="font-medium underline">
                Show it in the topology
              </Link>
            </>
          ),
        });
      } catch (e) {
        setNotice(failedNotice(e));
      } finally {
        setPending(null);
      }
    });

  const busy = pending !== null || form.formState.isSubmitting;
  const why = readOnly
    ? `${capabilities.readOnlyReason ?? "This cluster is read-only"}: nothing can be written`
    : undefined;
  return (
    <FormProvider {...form}>
      <div className="mb-4">
        <WriteBanner capabilities={capabilities} />
      </div>
      <form
        onSubmit={(e) => void run(false)(e)}
        noValidate
        aria-label={mode === "create" ? "New network" : "Edit network"}
        className="grid grid-cols-1 items-start gap-5 lg:grid-cols-[minmax(0,1fr)_24rem] xl:grid-cols-[minmax(0,1fr)_28rem]"
      >
        <fieldset disabled={readOnly} className="min-w-0 space-y-4">
          <IdentitySection editing={mode === "edit"} namespaces={namespacesOf(topology)} targetMode={targetMode} />
          <MainSection topology={topology} />
          <IpamSection topology={topology} capabilities={capabilities} self={self} />
        </fieldset>
        <aside className="flex min-h-0 flex-col gap-3 lg:sticky lg:top-16 lg:max-h-[calc(100vh-5rem)]">
          <Preview mode={mode} />
          {notice ? <FormNotice notice={notice} onReload={onReload} /> : null}
          <div className="flex flex-wrap items-center gap-2">
            {why ? (
              <>
                <DisabledWithReason label="Check (dry run)" reason={why} className={secondaryButton} />
                <DisabledWithReason
                  label={mode === "create" ? "Create network" : "Save changes"}
                  reason={why}
                  className={primaryButton}
                />
              </>
            ) : (
              <>
                <button type="button" className={secondaryButton} disabled={busy} onClick={(e) => void run(true)(e)}>
                  {pending === "check" ? "Checking…" : "Check (dry run)"}
                </button>
                <button type="submit" className={primaryButton} disabled={busy}>
                  {pending === "save" ? "Saving…" : mode === "create" ? "Create network" : "Save changes"}
                </button>
              </>
            )}
            <Link
              href={explorerUrl(context, mode === "edit" ? networkId(initial.namespace, initial.name) : undefined)}
              className="ml-auto text-sm text-slate-600 hover:underline dark:text-slate-400"
            >
              Cancel
            </Link>
          </div>
        </aside>
      </form>
    </FormProvider>
  );
}
