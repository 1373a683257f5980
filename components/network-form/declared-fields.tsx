"use client";

import type { DeclaredField } from "@/lib/plugins/plugin";
import { CheckboxField } from "../form/checkbox-field";
import { TextField } from "../form/text-field";

/** A plugin's settings drawn from its descriptor's field list (lib/plugins/), for plugins with no component of their own. */
export function DeclaredFields({ fields }: { fields: readonly DeclaredField[] }) {
  const boxes = fields.filter((f) => f.kind === "checkbox");
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-2 gap-3">
        {fields
          .filter((f) => f.kind !== "checkbox")
          .map((f) => (
            <TextField
              key={f.name}
              name={`main.${f.name}`}
              label={f.label}
              placeholder={f.placeholder}
              hint={f.hint}
              numeric={f.kind === "number"}
            />
          ))}
      </div>
      {boxes.map((f) => (
        <CheckboxField key={f.name} name={`main.${f.name}`} label={f.label} note={f.hint ?? ""} />
      ))}
    </div>
  );
}
