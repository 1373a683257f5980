"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useForm, useWatch } from "react-hook-form";
import { type AttachFormValues, attachFormSchema } from "@/lib/attach/attach";
import { refOf, workloadId } from "@/lib/contract/ids";
import type { NetworkElement, Topology } from "@/lib/contract/schema";
import { isDnsLabel } from "@/lib/k8s/names";
import { explorerUrl } from "../form/context-url";
import { FormNotice } from "../form/form-notice";
import type { Capabilities } from "../form/types";
import { useWriteSubmit } from "../form/use-write-submit";
import { WriteButtons } from "../form/write-buttons";
import { WriteFormLayout } from "../form/write-form-layout";
import { useTRPC } from "../trpc";
import { AnnotationPreview } from "./annotation-preview";
import { CurrentNetworks } from "./current-networks";
import { NetworkRows } from "./network-rows";
import type { AttachFormInput } from "./types";
import { WorkloadSection } from "./workload-section";

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
    enabled: isDnsLabel(namespace) && capabilities.writes !== "none",
  });
  const attach = useMutation(trpc.networks.attach.mutationOptions());
  const readOnly = capabilities.writes === "none";
  const readOnlyWhy = `${capabilities.readOnlyReason ?? "This cluster is read-only"}: nothing can be written`;
  const list = workloads.data ?? [];
  const selected = list.find((w) => w.kind === kind && w.name === name);
  const networks = (topology?.elements ?? [])
    .filter((e): e is NetworkElement => e.kind === "network")
    .sort((a, b) => refOf(a).localeCompare(refOf(b)));

  const { run, notice, setNotice, pending } = useWriteSubmit({
    form,
    mutation: attach,
    variables: (data: AttachFormValues, dryRunOnly) => ({ ...(context ? { context } : {}), form: data, dryRunOnly }),
    fieldOf: (f) => (f === "networks" || f === "name" || f === "namespace" ? f : null),
    conflicts: true,
    onWritten: async (result, data) => {
      await queryClient.invalidateQueries(trpc.networks.workloads.pathFilter());
      await queryClient.invalidateQueries(trpc.topology.pathFilter());
      return {
        tone: "ok",
        text: (
          <>
            Patched {data.kind} {data.namespace}/{data.name}: its pods take the new networks as the rollout replaces
            them.
            {result.annotation ? (
              <span className="mt-1 block break-all font-mono text-xs">
                k8s.v1.cni.cncf.io/networks: {result.annotation}
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
      };
    },
  });

  const busy = pending !== null;
  return (
    <WriteFormLayout
      form={form}
      capabilities={capabilities}
      label="Attach networks"
      onSubmit={(e) => void run(false)(e)}
      fields={
        <>
          <WorkloadSection
            namespaces={namespaces}
            workloads={list}
            loading={workloads.isFetching && !workloads.data}
            error={workloads.isError ? workloads.error.message : null}
            readOnly={readOnly}
          />
          <CurrentNetworks current={selected?.networks} />
          <NetworkRows networks={networks} />
        </>
      }
      aside={
        <>
          <AnnotationPreview current={selected?.networks} known={!!selected} />
          {notice ? (
            <FormNotice notice={notice} onReload={() => void workloads.refetch().then(() => setNotice(null))} />
          ) : null}
          <WriteButtons
            pending={pending}
            busy={busy}
            readOnlyReason={readOnly ? readOnlyWhy : undefined}
            onCheck={(e) => void run(true)(e)}
            writeLabel="Apply"
            writingLabel="Applying…"
            cancelHref={explorerUrl(context)}
          />
        </>
      }
    />
  );
}
