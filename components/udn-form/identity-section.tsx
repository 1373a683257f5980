"use client";

import { useId } from "react";
import { useWatch } from "react-hook-form";
import type { UdnFormInput } from "@/lib/udn-form/schema";
import { FormSection } from "../form/form-section";
import { RadioCards } from "../form/radio-cards";
import { TextField } from "../form/text-field";
import type { UdnAvailability } from "./types";

/** Which kind (namespaced UDN or cluster-wide CUDN), its name and, for a UDN, its namespace. */
export function UdnIdentitySection({
  available,
  namespaces,
  readOnly,
}: {
  available: UdnAvailability;
  namespaces: string[];
  readOnly: boolean;
}) {
  const kind = useWatch<UdnFormInput, "kind">({ name: "kind" });
  const listId = useId();
  const notServed = "this cluster does not serve this kind (no CRD)";
  return (
    <FormSection
      title="Network"
      description="OVN-Kubernetes renders the NetworkAttachmentDefinition from it, named like it, and keeps it as rendered."
    >
      <RadioCards
        name="kind"
        legend="Kind"
        cards={[
          {
            value: "UserDefinedNetwork",
            label: "UserDefinedNetwork",
            note: "One namespace's network (namespace admins may create it).",
            off: available.udn ? null : notServed,
          },
          {
            value: "ClusterUserDefinedNetwork",
            label: "ClusterUserDefinedNetwork",
            note: "One network shared by the namespaces it selects; Localnet too (cluster admins).",
            off: available.cudn ? null : notServed,
          },
        ]}
      />
      <div className="mt-3 grid grid-cols-2 gap-3">
        <TextField
          name="name"
          label="Name"
          placeholder="e.g. tenant-blue"
          readOnly={readOnly}
          hint={readOnly ? undefined : "also the rendered NAD's name: lower-case letters, digits and '-', at most 63"}
        />
        {kind === "UserDefinedNetwork" ? (
          <div>
            <TextField
              name="namespace"
              label="Namespace"
              list={listId}
              readOnly={readOnly}
              placeholder="e.g. tenant-blue"
              hint={readOnly ? undefined : "the network exists in this namespace only"}
            />
            <datalist id={listId}>
              {namespaces.map((n) => (
                <option key={n} value={n} />
              ))}
            </datalist>
          </div>
        ) : (
          <p className="self-center text-xs text-slate-500 dark:text-slate-400">
            Cluster-scoped: the namespaces come from the selector below.
          </p>
        )}
      </div>
    </FormSection>
  );
}
