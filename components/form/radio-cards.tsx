"use client";

import { useId } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { cn } from "../cn";
import { GroupError } from "./field";

export interface RadioCard {
  value: string;
  label: string;
  note: string;
  /** why it cannot be chosen here (shown instead of the note's end, and the input is off) */
  off?: string | null;
}

/** One choice among a few, each with a line on what it means; a choice that does not apply says why. */
export function RadioCards({
  name,
  legend,
  cards,
  columns = 2,
}: {
  name: string;
  legend: string;
  cards: RadioCard[];
  columns?: 2 | 3;
}) {
  const { register } = useFormContext();
  const current = useWatch({ name });
  const id = useId();
  return (
    <fieldset aria-describedby={`${id}-error`}>
      <legend className="mb-1 text-xs font-medium text-slate-700 dark:text-slate-300">{legend}</legend>
      <div className={cn("grid gap-2", columns === 3 ? "grid-cols-3" : "grid-cols-2")}>
        {cards.map((c) => (
          <label
            key={c.value}
            className={cn(
              "flex gap-2 rounded-md border p-2.5 text-sm transition-colors",
              c.off ? "cursor-not-allowed opacity-60" : "cursor-pointer",
              current === c.value
                ? "border-sky-500 bg-sky-50 dark:border-sky-500 dark:bg-sky-950/50"
                : "border-slate-200 hover:border-slate-300 dark:border-slate-700 dark:hover:border-slate-600",
            )}
          >
            <input
              type="radio"
              value={c.value}
              disabled={!!c.off && current !== c.value}
              {...register(name)}
              className="mt-0.5 accent-sky-600"
              aria-labelledby={`${id}-${c.value}-label`}
              aria-describedby={`${id}-${c.value}`}
            />
            <span className="min-w-0">
              <span id={`${id}-${c.value}-label`} className="block font-medium">
                {c.label}
              </span>
              <span id={`${id}-${c.value}`} className="mt-0.5 block text-xs text-slate-500 dark:text-slate-400">
                {c.off ?? c.note}
              </span>
            </span>
          </label>
        ))}
      </div>
      <GroupError name={name} id={`${id}-error`} />
    </fieldset>
  );
}
