"use client";

import { type ReactNode, useId } from "react";
import { get, useFormState } from "react-hook-form";
import { isObject, strAt } from "@/lib/result";
import { Icon } from "../icons";
import { hintClass, labelClass } from "./styles";

/** The message the schema (or the server) gave for `name`; array-level messages sit at `name` or `name.root`. */
export function useFieldError(name: string): string | undefined {
  const { errors } = useFormState({ name });
  const e: unknown = get(errors, name);
  return strAt(e, "message") ?? (isObject(e) ? strAt(e.root, "message") : undefined);
}

export function ErrorText({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-1 flex items-start gap-1 text-xs font-medium text-red-700 dark:text-red-400">
      <Icon name="warning" className="mt-px h-3.5 w-3.5 shrink-0" />
      <span>{message}</span>
    </p>
  );
}

export interface ControlProps {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby"?: string;
}

/**
 * A labelled control with its hint and, under it, the error for `name`: the control gets the ids, so screen readers
 * (and getByLabel) find the label and the message.
 */
export function Field({
  name,
  label,
  hint,
  className,
  labelHidden = false,
  children,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
  /** the label is for screen readers (and getByLabel) only: a list's heading already says what the entries are */
  labelHidden?: boolean;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = useId();
  const error = useFieldError(name);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={className}>
      <label htmlFor={id} className={labelHidden ? "sr-only" : labelClass}>
        {label}
      </label>
      {children({ id, "aria-invalid": !!error, ...(describedBy ? { "aria-describedby": describedBy } : {}) })}
      {hint ? (
        <div id={`${id}-hint`} className={hintClass}>
          {hint}
        </div>
      ) : null}
      <ErrorText id={`${id}-error`} message={error} />
    </div>
  );
}

/** The error of a whole group (a list, a radio group) that has no single input to sit under. */
export function GroupError({ name, id }: { name: string; id: string }) {
  return <ErrorText id={id} message={useFieldError(name)} />;
}
