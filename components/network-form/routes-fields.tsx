"use client";

import { useFieldArray, useFormContext } from "react-hook-form";
import { GroupError } from "../form/field";
import { RemoveButton, RowFrame } from "../form/row-frame";
import { linkButton } from "../form/styles";
import { TextField } from "../form/text-field";

/** ipam.routes: destination CIDRs, optionally through a gateway other than the default one. */
export function RoutesFields() {
  const { control } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: "ipam.routes" });
  return (
    <div>
      <div className="mb-1 flex items-baseline justify-between">
        <h4 className="text-xs font-medium text-slate-700 dark:text-slate-300">Routes</h4>
        <button type="button" className={linkButton} onClick={() => append({ dst: "", gw: "" })}>
          + Add route
        </button>
      </div>
      {fields.length === 0 ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          No routes: only the subnet is reachable through this interface.
        </p>
      ) : null}
      <div className="space-y-2">
        {fields.map((f, i) => {
          const n = i === 0 ? "" : ` (route ${i + 1})`;
          return (
            <RowFrame key={f.id}>
              <TextField
                name={`ipam.routes.${i}.dst`}
                label={
                  <>
                    Destination<span className="sr-only">{n}</span>
                  </>
                }
                placeholder="e.g. 10.10.0.0/16 or 0.0.0.0/0"
              />
              <TextField
                name={`ipam.routes.${i}.gw`}
                label={
                  <>
                    Via gateway<span className="sr-only">{n}</span>
                  </>
                }
                placeholder="optional"
              />
              <RemoveButton label={`Remove route ${i + 1}`} onClick={() => remove(i)} />
            </RowFrame>
          );
        })}
      </div>
      <GroupError name="ipam.routes" id="ipam-routes-error" />
    </div>
  );
}
