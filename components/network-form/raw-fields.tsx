"use client";

import { useFormContext } from "react-hook-form";
import { parseJson } from "@/lib/result";
import { cn } from "../cn";
import { Field } from "../form/field";
import { linkButton, monoInputClass } from "../form/styles";

/** Any CNI config or conflist, written verbatim: for what the structured fields do not cover. */
export function RawFields() {
  const { register, getValues, setValue } = useFormContext();
  const format = () => {
    const json = parseJson(String(getValues("main.config") ?? ""));
    if (json.ok)
      setValue("main.config", JSON.stringify(json.value, null, 2), { shouldValidate: true, shouldDirty: true });
  };
  return (
    <div className="relative">
      <button type="button" onClick={format} className={cn(linkButton, "absolute right-0 top-0")}>
        Format JSON
      </button>
      <Field
        name="main.config"
        label="CNI config (JSON)"
        hint={
          'One CNI config or a conflist ({"plugins": [...]}), written as the NAD\'s spec.config. Its ipam goes inside it.'
        }
      >
        {(control) => (
          <textarea
            {...control}
            {...register("main.config")}
            rows={16}
            spellCheck={false}
            className={cn(monoInputClass, "text-xs leading-relaxed")}
          />
        )}
      </Field>
    </div>
  );
}
