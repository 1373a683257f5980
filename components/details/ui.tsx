import type { ReactNode } from "react";
import { cn } from "../cn";

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="border-t border-slate-200 px-4 py-3 dark:border-slate-700">
      <h3 className="mb-1.5 text-[11px] font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {children}
    </section>
  );
}

/** Key and value: the key column as wide as its longest key (up to 9rem), the rest for values such as node names. */
export function KV({ rows }: { rows: [string, ReactNode][] }) {
  const shown = rows.filter(([, v]) => v !== undefined && v !== null && v !== "");
  return (
    <dl className="grid grid-cols-[fit-content(9rem)_1fr] gap-x-3 gap-y-0.5 text-xs">
      {shown.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="min-w-0 break-words font-mono text-slate-900 dark:text-slate-100">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Pill({ tone, children }: { tone: "ok" | "bad" | "warn" | "info" | "muted"; children: ReactNode }) {
  const cls = {
    ok: "bg-emerald-100 text-emerald-800",
    bad: "bg-red-100 text-red-800",
    warn: "bg-amber-100 text-amber-900",
    info: "bg-sky-100 text-sky-800",
    muted: "bg-slate-200 text-slate-700",
  }[tone];
  return <span className={cn("inline-block rounded px-1.5 py-0.5 text-[11px] font-medium", cls)}>{children}</span>;
}

/** A link to another element of the graph: selects it. */
export function ElementLink({ id, label, onSelect }: { id: string; label: string; onSelect: (id: string) => void }) {
  return (
    <button
      type="button"
      className="text-left font-mono text-sky-700 hover:underline dark:text-sky-400"
      onClick={() => onSelect(id)}
    >
      {label}
    </button>
  );
}
