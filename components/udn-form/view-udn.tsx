"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { isObject, str } from "@/lib/result";
import type { UdnKind } from "@/lib/udn-form/fields";
import { completeUdnForm, type UdnFormInput } from "@/lib/udn-form/schema";
import { cn } from "../cn";
import { explorerUrl } from "../form/context-url";
import { PageMessage, PageShell } from "../form/page-shell";
import { cardClass, primaryButton } from "../form/styles";
import { useTRPC } from "../trpc";
import { UdnAddressesSection } from "./addresses-section";
import { UdnIdentitySection } from "./identity-section";
import { UdnLocalnetSection } from "./localnet-section";
import { UdnSelectorSection } from "./selector-section";
import { UdnTopologySection } from "./topology-section";
import { udnNewUrl } from "./urls";

/** The status conditions OVN-Kubernetes reports on the network (NetworkCreated, NetworkAllocationSucceeded…). */
function Conditions({ status }: { status: unknown }) {
  const list = isObject(status) && Array.isArray(status.conditions) ? status.conditions.filter(isObject) : [];
  return (
    <section className={cn(cardClass, "p-4")} aria-labelledby="udn-status">
      <h2 id="udn-status" className="text-sm font-semibold">
        Status
      </h2>
      {list.length === 0 ? (
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          No conditions yet: OVN-Kubernetes has not reported on this network (is it running on this cluster?).
        </p>
      ) : (
        <ul className="mt-2 space-y-1.5 text-xs">
          {list.map((c) => (
            <li key={str(c.type) ?? ""}>
              <span
                className={
                  c.status === "True"
                    ? "font-medium text-emerald-700 dark:text-emerald-400"
                    : "font-medium text-red-700 dark:text-red-400"
                }
              >
                {str(c.type)}: {str(c.status)}
              </span>{" "}
              <span className="text-slate-600 dark:text-slate-400">
                {str(c.reason)} {str(c.message) ? `— ${str(c.message)}` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ReadOnlyUdn({ form }: { form: UdnFormInput }) {
  const methods = useForm<UdnFormInput>({ defaultValues: form });
  return (
    <FormProvider {...methods}>
      <fieldset disabled className="min-w-0 space-y-4" aria-label="Its spec, as the form shows it">
        <UdnIdentitySection available={{ udn: true, cudn: true, reason: null }} namespaces={[]} readOnly />
        <UdnTopologySection />
        {form.topology === "Localnet" ? <UdnLocalnetSection /> : null}
        <UdnAddressesSection />
        {form.kind === "ClusterUserDefinedNetwork" ? <UdnSelectorSection /> : null}
      </fieldset>
    </FormProvider>
  );
}

/**
 * /networks/udn/view?kind=&ns=&name=: one UDN or CUDN, where a NAD OVN-Kubernetes rendered from it is sent to be
 * changed. Its spec is immutable (the CRD's rule), so the way to change it is a copy made from it.
 */
export function ViewUdn({
  context,
  kind,
  namespace,
  name,
}: {
  context?: string;
  kind?: UdnKind;
  namespace?: string;
  name?: string;
}) {
  const trpc = useTRPC();
  const input = context ? { context } : {};
  const current = useQuery({
    ...trpc.udn.get.queryOptions({
      ...input,
      kind: kind ?? "UserDefinedNetwork",
      name: name ?? "",
      ...(namespace ? { namespace } : {}),
    }),
    enabled: !!kind && !!name,
    retry: false,
  });
  const ref = { kind: kind ?? "UserDefinedNetwork", name: name ?? "", ...(namespace ? { namespace } : {}) };
  const label = `${kind ?? "network"} ${namespace ? `${namespace}/` : ""}${name ?? ""}`;
  const shell = (body: ReactNode) => (
    <PageShell
      context={context}
      title={label}
      subtitle="An OVN-Kubernetes user-defined network: the owner of the NADs rendered from it."
    >
      {body}
    </PageShell>
  );
  if (!kind || !name)
    return shell(
      <PageMessage tone="bad">
        Which network? Open this page as /networks/udn/view?kind=…&amp;ns=…&amp;name=….
      </PageMessage>,
    );
  if (current.isError)
    return shell(
      <PageMessage tone="bad">
        Could not open {label}: {current.error.message}
      </PageMessage>,
    );
  if (!current.data) return shell(<PageMessage>Reading {label}…</PageMessage>);
  const form = completeUdnForm(current.data.form);
  return shell(
    <div className="grid grid-cols-1 items-start gap-5 lg:grid-cols-[minmax(0,1fr)_24rem]">
      <ReadOnlyUdn form={form} />
      <aside className="space-y-3 lg:sticky lg:top-16">
        <div className={cn(cardClass, "p-4 text-sm")}>
          <p>
            Its spec cannot be changed (the CRD&apos;s rule <code className="font-mono text-xs">self == oldSelf</code>),
            and the NADs OVN-Kubernetes renders from it are put back as rendered when edited. To change the network,
            make a copy, then delete this one.
          </p>
          <div className="mt-3 flex items-center gap-3">
            <Link className={primaryButton} href={udnNewUrl({ clone: ref }, context)}>
              Clone to change it
            </Link>
            <Link className="text-sm text-slate-600 hover:underline dark:text-slate-400" href={explorerUrl(context)}>
              Back to the topology
            </Link>
          </div>
          {current.data.unshown.length > 0 ? (
            <p className="mt-3 text-xs text-amber-700 dark:text-amber-400">
              Not shown in the form (kept as they are in the object): {current.data.unshown.join("; ")}
            </p>
          ) : null}
        </div>
        <Conditions status={current.data.status} />
      </aside>
    </div>,
  );
}
