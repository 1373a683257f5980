"use client";

import { useId } from "react";
import { useFormContext } from "react-hook-form";

/** A CNI boolean: the key as admins know it, and a line on what it does. */
export function CheckboxField({ name, label, note }: { name: string; label: string; note: string }) {
  const { register } = useFormContext();
  const id = useId();
  return (
    <label className="flex cursor-pointer items-start gap-2 rounded-md px-1 py-1 hover:bg-slate-50 dark:hover:bg-slate-800/60">
      <input
        type="checkbox"
        {...register(name)}
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-note`}
        className="mt-0.5 accent-sky-600"
      />
      <span className="min-w-0">
        <span id={`${id}-label`} className="block font-mono text-xs font-medium text-slate-800 dark:text-slate-200">
          {label}
        </span>
        <span id={`${id}-note`} className="block text-[11px] leading-snug text-slate-500 dark:text-slate-400">
          {note}
        </span>
      </span>
    </label>
  );
}
