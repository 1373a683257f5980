import type { ReactNode } from "react";
import { cn } from "../cn";
import { cardClass } from "./styles";

/** One card of the form: a heading, a line on what it is for, its fields. */
export function FormSection({
  title,
  description,
  aside,
  children,
}: {
  title: string;
  description?: ReactNode;
  aside?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className={cn(cardClass, "p-4")}>
      <div className="mb-3 flex items-baseline gap-3">
        <div className="min-w-0 flex-1">
          <h2 className="text-sm font-semibold text-slate-900 dark:text-slate-100">{title}</h2>
          {description ? <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{description}</p> : null}
        </div>
        {aside}
      </div>
      {children}
    </section>
  );
}
