"use client";

import type { FormEvent, ReactNode } from "react";
import { type FieldValues, FormProvider, type UseFormReturn } from "react-hook-form";
import type { Capabilities } from "./types";
import { WriteBanner } from "./write-banner";

/**
 * The page of every write form: where writes go (the banner), the fields (disabled on a read-only cluster), and
 * beside them what will be written, the last answer and the buttons, kept in view while the fields scroll.
 */
export function WriteFormLayout<TInput extends FieldValues, TValues>({
  form,
  capabilities,
  label,
  onSubmit,
  fields,
  aside,
}: {
  form: UseFormReturn<TInput, unknown, TValues>;
  capabilities: Capabilities;
  /** the form's accessible name */
  label: string;
  onSubmit: (e: FormEvent) => void;
  fields: ReactNode;
  aside: ReactNode;
}) {
  return (
    <FormProvider {...form}>
      <div className="mb-4">
        <WriteBanner capabilities={capabilities} />
      </div>
      <form
        onSubmit={onSubmit}
        noValidate
        aria-label={label}
        className="grid grid-cols-1 items-start gap-5 lg:grid-cols-[minmax(0,1fr)_24rem] xl:grid-cols-[minmax(0,1fr)_28rem]"
      >
        <fieldset disabled={capabilities.writes === "none"} className="min-w-0 space-y-4">
          {fields}
        </fieldset>
        <aside className="flex min-h-0 flex-col gap-3 lg:sticky lg:top-16 lg:max-h-[calc(100vh-5rem)]">{aside}</aside>
      </form>
    </FormProvider>
  );
}
