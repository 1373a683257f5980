"use client";

import type { ReactNode } from "react";
import { useFormContext } from "react-hook-form";
import { Field } from "./field";
import { inputClass, monoInputClass } from "./styles";

/** A text input registered with the surrounding form; `deps` re-checks the fields whose rules read this one. */
export function TextField({
  name,
  label,
  hint,
  placeholder,
  mono = true,
  numeric = false,
  readOnly = false,
  list,
  deps,
  className,
  labelHidden,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  placeholder?: string;
  mono?: boolean;
  numeric?: boolean;
  readOnly?: boolean;
  list?: string;
  deps?: string[];
  className?: string;
  labelHidden?: boolean;
}) {
  const { register } = useFormContext();
  return (
    <Field name={name} label={label} hint={hint} className={className} labelHidden={labelHidden}>
      {(control) => (
        <input
          {...control}
          {...register(name, deps ? { deps } : {})}
          type="text"
          inputMode={numeric ? "numeric" : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          readOnly={readOnly}
          list={list}
          className={mono ? monoInputClass : inputClass}
        />
      )}
    </Field>
  );
}
