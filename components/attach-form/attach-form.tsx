"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { FormProvider, useForm, useWatch } from "react-hook-form";
import { type AttachFormValues, attachFormSchema } from "@/lib/attach/attach";
import { workloadId } from "@/lib/topology/ids";
import type { NetworkElement, Topology } from "@/lib/topology/schema";
import { explorerUrl } from "../form/context-url";
import { DisabledWithReason } from "../form/disabled-reason";
import { dryRunNotice, FormNotice, failedNotice, type Notice } from "../form/form-notice";
import { primaryButton, secondaryButton } from "../form/styles";
import type { Capabilities } from "../form/types";
import { WriteBanner } from "../form/write-banner";
import { useTRPC } from "../trpc";
import { AnnotationPreview } from "./annotation-preview";
import { CurrentNetworks } from "./current-networks";
import { NetworkRows } from "./network-rows";
import type { AttachFormInput } from "./types";
import { WorkloadSection } from "./workload-section";

const DNS1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function AttachForm({
  initial,
  namespaces,
  context,
  capabilities,
  topology,
}: {
  initial: AttachFormInput;
  namespaces: string[];
  context?: string;
  capabilities: Capabilities;
  topology: Topology | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<AttachFormInput, unknown, AttachFormValues>({
    resolver: zodResolver(attachFormSchema),
    mode: "onChange",
    defaultValues: initial,
  });
  const namespace = useWatch({ control: form.control, name: "namespace" });
  const [kind, name] = useWatch({ control: form.control, name: ["kind", "name"] });
  const workloads = useQuery({
    ...trpc.networks.workloads.queryOptions({ ...(context ? { context } : {}), namespace }),
    enabled: DNS1123.test(namespace) && capabilities.writes !== "none",
  });
  const attach = useMutation(trpc.networks.attach.mutationOptions());
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pending, setPending] = useState<"check" | "apply" | null>(null);
  const readOnly = capabilities.writes === "none";
  const readOnlyWhy = `${capabilities.readOnlyReason ?? "This cluster is read-only"}: nothing can be written`;
  const list = workloads.data ?? [];
  const selected = list.find((w) => w.kind === kind && w.name === name);
  const networks = (topology?.elements ?? [])
    .filter((e): e is NetworkElement => e.kind === "network")
    .sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));

  const run = (dryRunOnly: boolean) =>
    form.handleSubmit(async (data) => {
      setNotice(null);
      setPending(dryRunOnly ? "check" : "apply");
      try {
        const result = await attach.mutateAsync({ ...(context ? { context } : {}), form: data, dryRunOnly });
        if (!result.ok) {
          if (result.field === "networks" || result.field === "name" || result.field === "namespace")
            form.setError(result.field, { type: "server", message: result.message });
          else setNotice({ tone: "bad", text: result.message, conflict: result.status === 409 });
          return;
        }
        const annotation = result.annotation;
        if (result.dryRun) {
          setNotice(dryRunNotice(result.target));
          return;
        }
        await queryClient.invalidateQueries(trpc.networks.workloads.pathFilter());
        await queryClient.invalidateQueries(trpc.topology.pathFilter());
        setNotice({
          tone: "ok",
          text: (
            <>
              Patched {data.kind} {data.namespace}/{data.name}: its pods take the new networks as the rollout replaces
              them.
              {annotation ? (
                <span className="mt-1 block break-all font-mono text-xs">
                  k8s.v1.cni.cncf.io/networks: {annotation}
                </span>
              ) : null}
              <Link
                href={explorerUrl(context, workloadId(data.namespace, data.kind, data.name))}
                className="mt-1 inline-block font-medium underline"
              >
                Watch them in the topology
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

  const busy = pending !== null;
  return (
    <FormProvider {...form}>
      <div className="mb-4">
        <WriteBanner capabilities={capabilities} />
      </div>
      <form
        onSubmit={(e) => void run(false)(e)}
        noValidate
        aria-label="Attach networks"
        className="grid grid-cols-1 items-start gap-5 lg:grid-cols-[minmax(0,1fr)_24rem] xl:grid-cols-[minmax(0,1fr)_28rem]"
      >
        <fieldset disabled={readOnly} className="min-w-0 space-y-4">
          <WorkloadSection
            namespaces={namespaces}
            workloads={list}
            loading={workloads.isFetching && !workloads.data}
            error={workloads.isError ? workloads.error.message : null}
            readOnly={readOnly}
          />
          <CurrentNetworks current={selected?.networks} />
          <NetworkRows networks={networks} />
        </fieldset>
        <aside className="flex flex-col gap-3 lg:sticky lg:top-16">
          <AnnotationPreview current={selected?.networks} known={!!selected} />
          {notice ? (
            <FormNotice notice={notice} onReload={() => void workloads.refetch().then(() => setNotice(null))} />
          ) : null}
          <div className="flex flex-wrap items-center gap-2">
            {readOnly ? (
              <>
                <DisabledWithReason label="Check (dry run)" reason={readOnlyWhy} className={secondaryButton} />
                <DisabledWithReason label="Apply" reason={readOnlyWhy} className={primaryButton} />
              </>
            ) : (
              <>
                <button type="button" className={secondaryButton} disabled={busy} onClick={(e) => void run(true)(e)}>
                  {pending === "check" ? "Checking…" : "Check (dry run)"}
                </button>
                <button type="submit" className={primaryButton} disabled={busy}>
                  {pending === "apply" ? "Applying…" : "Apply"}
                </button>
              </>
            )}
            <Link
              href={explorerUrl(context)}
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
