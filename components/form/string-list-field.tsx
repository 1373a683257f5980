"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { GroupError } from "./field";
import { RemoveButton } from "./row-frame";
import { linkButton } from "./styles";
import { TextField } from "./text-field";

/** The entries as the form holds them (empty ones included: a new row starts empty). */
const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => (typeof x === "string" ? x : "")) : []);

/** A list of single values (whereabouts exclusions, DNS servers): one input per entry, add and remove. */
export function StringListField({
  name,
  title,
  itemLabel,
  removeLabel,
  placeholder,
  addLabel,
  empty,
}: {
  name: string;
  title: string;
  itemLabel: string;
  removeLabel: string;
  placeholder?: string;
  addLabel: string;
  empty: string;
}) {
  const { setValue, getValues } = useFormContext();
  const items = asList(useWatch({ name }));
  const set = (next: string[]) => setValue(name, next, { shouldDirty: true, shouldValidate: true });
  return (
    <div>
      <div className="mb-1 flex items-baseline justify-between">
        <h4 className="text-xs font-medium text-slate-700 dark:text-slate-300">{title}</h4>
        <button
          type="button"
          className={linkButton}
          onClick={() => setValue(name, [...asList(getValues(name)), ""], { shouldDirty: true })}
        >
          + {addLabel}
        </button>
      </div>
      {items.length === 0 ? <p className="text-xs text-slate-500 dark:text-slate-400">{empty}</p> : null}
      <div className="grid grid-cols-2 gap-2">
        {items.map((_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: entries are plain strings; their place is their identity
          <div key={i} className="flex items-start gap-1">
            <TextField
              className="min-w-0 flex-1"
              labelHidden
              name={`${name}.${i}`}
              label={`${itemLabel}${i === 0 ? "" : ` ${i + 1}`}`}
              placeholder={placeholder}
            />
            <RemoveButton
              besideLabel={false}
              label={`Remove ${removeLabel} ${i + 1}`}
              onClick={() => set(asList(getValues(name)).filter((__, j) => j !== i))}
            />
          </div>
        ))}
      </div>
      <GroupError name={name} id={`${name.replaceAll(".", "-")}-error`} />
    </div>
  );
}
