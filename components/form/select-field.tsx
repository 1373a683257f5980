"use client";

import type { ReactNode } from "react";
import { useFormContext } from "react-hook-form";
import { Field } from "./field";
import { selectClass } from "./styles";

export function SelectField({
  name,
  label,
  hint,
  options,
  className,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  options: { value: string; label: string }[];
  className?: string;
}) {
  const { register } = useFormContext();
  return (
    <Field name={name} label={label} hint={hint} className={className}>
      {(control) => (
        <select {...control} {...register(name)} className={selectClass}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
