import type { Finding } from "@/lib/topology/schema";
import { Icon } from "./icons";

const TONE = { error: "text-red-600", warning: "text-amber-600", info: "text-sky-600" } as const;
const ORDER = { error: 0, warning: 1, info: 2 } as const;

export function FindingsPanel({ findings }: { findings: Finding[] }) {
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  return (
    <section aria-label="Findings" className="flex min-h-0 flex-col">
      <h2 className="px-4 pb-2 pt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">
        Findings <span className="ml-1 rounded bg-slate-200 px-1.5 text-slate-700">{findings.length}</span>
      </h2>
      {sorted.length === 0 ? (
        <p className="px-4 text-sm text-slate-500">Nothing wrong found: every requested network is attached.</p>
      ) : (
        <ul className="min-h-0 space-y-2 overflow-y-auto px-4 pb-4">
          {sorted.map((f, i) => (
            <li key={i} data-testid="finding" data-code={f.code} className="rounded-md border border-slate-200 bg-white p-2 text-xs leading-snug shadow-sm">
              <div className="mb-0.5 flex items-center gap-1 font-medium text-slate-700">
                <Icon name={f.severity} className={`h-3.5 w-3.5 ${TONE[f.severity]}`} />
                <span className="font-mono text-[10px] text-slate-500">{f.code}</span>
              </div>
              <p className="text-slate-800">{f.message}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
