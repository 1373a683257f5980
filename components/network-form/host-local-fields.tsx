"use client";

import { useFieldArray, useFormContext } from "react-hook-form";
import { GroupError } from "../form/field";
import { RemoveButton, RowFrame } from "../form/row-frame";
import { linkButton } from "../form/styles";
import { TextField } from "../form/text-field";
import { RoutesFields } from "./routes-fields";

export function HostLocalFields() {
  const { control } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: "ipam.ranges" });
  return (
    <div className="space-y-4">
      <div>
        <div className="mb-1 flex items-baseline justify-between">
          <h4 className="text-xs font-medium text-slate-700 dark:text-slate-300">Ranges</h4>
          <button
            type="button"
            className={linkButton}
            onClick={() => append({ subnet: "", rangeStart: "", rangeEnd: "", gateway: "" })}
          >
            + Add range
          </button>
        </div>
        <div className="space-y-2">
          {fields.map((f, i) => {
            const n = i === 0 ? "" : ` (range ${i + 1})`;
            const at = (k: string) => `ipam.ranges.${i}.${k}`;
            return (
              <RowFrame key={f.id} columns={4}>
                <TextField
                  name={at("subnet")}
                  label={
                    <>
                      Subnet<span className="sr-only">{n}</span>
                    </>
                  }
                  placeholder="192.168.20.0/24"
                  deps={[at("rangeStart"), at("rangeEnd"), at("gateway")]}
                />
                <TextField
                  name={at("rangeStart")}
                  label={
                    <>
                      Range start<span className="sr-only">{n}</span>
                    </>
                  }
                  placeholder="first usable"
                  deps={[at("rangeEnd")]}
                />
                <TextField
                  name={at("rangeEnd")}
                  label={
                    <>
                      Range end<span className="sr-only">{n}</span>
                    </>
                  }
                  placeholder="last usable"
                  deps={[at("rangeStart")]}
                />
                <TextField
                  name={at("gateway")}
                  label={
                    <>
                      Gateway<span className="sr-only">{n}</span>
                    </>
                  }
                  placeholder="optional"
                />
                <RemoveButton
                  label={`Remove range ${i + 1}`}
                  disabled={fields.length === 1}
                  onClick={() => remove(i)}
                />
              </RowFrame>
            );
          })}
        </div>
        <GroupError name="ipam.ranges" id="ipam-ranges-error" />
      </div>
      <RoutesFields />
    </div>
  );
}
