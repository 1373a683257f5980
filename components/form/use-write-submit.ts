"use client";

import { useState } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { dryRunNotice, failedNotice, type Notice } from "./form-notice";
import type { WriteOutcome } from "./types";

type Written = Extract<WriteOutcome, { ok: true }>;

/** The part of a tRPC `useMutation` result the flow needs; its state is the only record of a write in flight. */
interface WriteMutation<TVars> {
  mutateAsync: (variables: TVars) => Promise<WriteOutcome>;
  isPending: boolean;
  variables: TVars | undefined;
}

export interface WriteSubmitOptions<TInput extends FieldValues, TValues, TVars> {
  form: UseFormReturn<TInput, unknown, TValues>;
  mutation: WriteMutation<TVars>;
  /** what to send for the form's values; `dryRunOnly` when only checking */
  variables: (data: TValues, dryRunOnly: boolean) => TVars;
  /** the form field a server refusal names, when this form has it; else the refusal is said for the whole form */
  fieldOf: (field: string) => Path<TInput> | null;
  /** a 409 without a field means "changed by someone else": the notice offers to reload */
  conflicts: boolean;
  /** after a real write (not a dry run): refresh what shows it; the notice to show, or null */
  onWritten: (result: Written, data: TValues) => Promise<Notice | null>;
}

/**
 * The submit flow of every write form: check (dry run) or write, a refusal at the field it names or for the whole
 * form, anything thrown said as a failure. Which button is busy is read off the mutation, never kept twice.
 */
export function useWriteSubmit<TInput extends FieldValues, TValues, TVars extends { dryRunOnly?: boolean }>(
  o: WriteSubmitOptions<TInput, TValues, TVars>,
) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const run = (dryRunOnly: boolean) =>
    o.form.handleSubmit(async (data) => {
      setNotice(null);
      try {
        const result = await o.mutation.mutateAsync(o.variables(data, dryRunOnly));
        if (!result.ok) {
          const field = result.field ? o.fieldOf(result.field) : null;
          if (field) o.form.setError(field, { type: "server", message: result.message }, { shouldFocus: true });
          else setNotice({ tone: "bad", text: result.message, conflict: o.conflicts && result.status === 409 });
          return;
        }
        setNotice(result.dryRun ? dryRunNotice(result.target) : await o.onWritten(result, data));
      } catch (e) {
        setNotice(failedNotice(e));
      }
    });
  const { isPending, variables } = o.mutation;
  const pending: "check" | "write" | null = isPending && variables ? (variables.dryRunOnly ? "check" : "write") : null;
  return { run, notice, setNotice, pending };
}
