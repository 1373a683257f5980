"use client";

import { useId, useRef } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { defaultMain, type FormType, MAIN_TYPES, type MainInput } from "@/lib/network-form/defaults";
import { type NetworkFormInput, networkFormSchema, toCniConfig } from "@/lib/network-form/schema";
import { cn } from "../cn";

/** What Raw JSON starts from: the structured form's config when it is valid, else a skeleton to fill in. */
function rawStart(values: NetworkFormInput): string {
  const parsed = networkFormSchema.safeParse(values);
  if (parsed.success) return JSON.stringify(toCniConfig(parsed.data), null, 2);
  return JSON.stringify(
    { cniVersion: "0.3.1", name: values.name || "my-network", type: "bridge", bridge: "br1", ipam: {} },
    null,
    2,
  );
}

/**
 * The main plugin. Switching type keeps what was typed for the others (switch back and it is there) and carries the
 * parent NIC between macvlan, ipvlan and vlan.
 */
export function TypePicker({ disabled }: { disabled?: boolean }) {
  const { getValues, setValue, clearErrors } = useFormContext<NetworkFormInput>();
  const current = useWatch<NetworkFormInput, "main.type">({ name: "main.type" });
  const cache = useRef(new Map<FormType, MainInput>());
  const id = useId();

  const choose = (type: FormType) => {
    const values = getValues();
    if (values.main.type === type) return;
    cache.current.set(values.main.type, values.main);
    const next =
      cache.current.get(type) ??
      (type === "raw" ? { type: "raw" as const, config: rawStart(values) } : defaultMain(type, values.main));
    clearErrors("main");
    setValue("main", next, { shouldDirty: true });
  };

  return (
    <fieldset disabled={disabled}>
      <legend className="sr-only">Network type</legend>
      <div className="grid grid-cols-4 gap-2">
        {MAIN_TYPES.map((t) => {
          const on = current === t.type;
          return (
            <label
              key={t.type}
              className={cn(
                "flex cursor-pointer items-start gap-2 rounded-md border px-2.5 py-2 transition-colors",
                on
                  ? "border-sky-500 bg-sky-50 ring-1 ring-sky-500 dark:border-sky-500 dark:bg-sky-950/50"
                  : "border-slate-200 hover:border-slate-300 dark:border-slate-700 dark:hover:border-slate-500",
              )}
            >
              <input
                type="radio"
                name={`${id}-type`}
                value={t.type}
                checked={on}
                onChange={() => choose(t.type)}
                aria-labelledby={`${id}-${t.type}`}
                aria-describedby={`${id}-${t.type}-blurb`}
                className="mt-0.5 accent-sky-600"
              />
              <span className="min-w-0">
                <span id={`${id}-${t.type}`} className="block text-sm font-medium">
                  {t.label}
                </span>
                <span
                  id={`${id}-${t.type}-blurb`}
                  className="block text-[11px] leading-tight text-slate-500 dark:text-slate-400"
                >
                  {t.blurb}
                </span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
