import type { Finding } from "@/lib/topology/schema";
import { Icon } from "./icons";

const TONE = { error: "text-red-600", warning: "text-amber-600", info: "text-sky-600" } as const;
const ORDER = { error: 0, warning: 1, info: 2 } as const;

export function FindingsList({ findings, onSelect }: { findings: Finding[]; onSelect?: (id: string) => void }) {
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  return (
    <ul className="space-y-2">
      {sorted.map((f, i) => {
        const target = f.elements[0];
        return (
          <li
            key={i}
            data-testid="finding"
            data-code={f.code}
            data-severity={f.severity}
            className="rounded-md border border-slate-200 bg-white p-2 text-xs leading-snug shadow-sm dark:border-slate-700 dark:bg-slate-900"
          >
            <div className="mb-0.5 flex items-center gap-1 font-medium">
              <Icon name={f.severity} className={`h-3.5 w-3.5 ${TONE[f.severity]}`} />
              <span className="font-mono text-[10px] text-slate-500">{f.code}</span>
              {onSelect && target ? (
                <button
                  type="button"
                  className="ml-auto text-[10px] text-sky-700 hover:underline dark:text-sky-400"
                  onClick={() => onSelect(target)}
                >
                  show
                </button>
              ) : null}
            </div>
            <p className="text-slate-800 dark:text-slate-200">{f.message}</p>
          </li>
        );
      })}
    </ul>
  );
}

export function FindingsPanel({ findings, onSelect }: { findings: Finding[]; onSelect: (id: string) => void }) {
  return (
    <section aria-label="Findings" className="flex min-h-0 flex-1 flex-col">
      <h2 className="px-4 pb-2 pt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">
        Findings{" "}
        <span className="ml-1 rounded bg-slate-200 px-1.5 text-slate-700 dark:bg-slate-700 dark:text-slate-200">
          {findings.length}
        </span>
      </h2>
      <div className="min-h-0 overflow-y-auto px-4 pb-4">
        {findings.length === 0 ? (
          <p className="text-sm text-slate-500">Nothing wrong found: every requested network is attached.</p>
        ) : (
          <FindingsList findings={findings} onSelect={onSelect} />
        )}
      </div>
    </section>
  );
}
