import type { Finding } from "@/lib/contract/schema";
import { FINDINGS } from "@/lib/findings/catalogue";
import { cn } from "../cn";
import { Icon } from "../icons";

export const TONE = { error: "text-red-600", warning: "text-amber-600", info: "text-sky-600" } as const;

/** One finding: its message, and, when it can be shown, a click that selects its element. */
export function FindingItem({
  finding,
  onSelect,
  showFix = false,
}: {
  finding: Finding;
  onSelect?: (id: string) => void;
  showFix?: boolean;
}) {
  const target = finding.elements[0];
  const body = (
    <>
      <span className="flex items-start gap-1.5">
        <Icon name={finding.severity} className={cn("mt-px h-3.5 w-3.5 shrink-0", TONE[finding.severity])} />
        <span className="min-w-0 break-words text-slate-800 dark:text-slate-200">{finding.message}</span>
      </span>
      {showFix ? (
        <span className="mt-1 block pl-5 text-slate-600 dark:text-slate-400">
          <span className="font-medium">How to fix: </span>
          {FINDINGS[finding.code].fix}
        </span>
      ) : null}
    </>
  );
  const cls = "block w-full rounded-md px-2 py-1.5 text-left text-xs leading-snug";
  return (
    <li data-testid="finding" data-code={finding.code} data-severity={finding.severity}>
      {onSelect && target ? (
        <button
          type="button"
          className={cn(
            cls,
            "hover:bg-sky-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-500 dark:hover:bg-slate-800",
          )}
          title="Show it in the graph"
          onClick={() => onSelect(target)}
        >
          {body}
        </button>
      ) : (
        <div className={cls}>{body}</div>
      )}
    </li>
  );
}

/** The findings of one element (in its details): each with its code's title and how to fix it. */
export function FindingsList({ findings, onSelect }: { findings: Finding[]; onSelect?: (id: string) => void }) {
  return (
    <div className="space-y-1.5">
      {findings.map((f) => (
        <div
          key={`${f.code}|${f.message}`}
          className="rounded-md border border-slate-200 bg-white shadow-sm dark:border-slate-700 dark:bg-slate-900"
        >
          <div className="px-2 pt-1.5 text-[11px] font-semibold uppercase tracking-wide text-slate-500">
            {FINDINGS[f.code].title} <span className="font-mono normal-case tracking-normal">· {f.code}</span>
          </div>
          <ul>
            <FindingItem finding={f} onSelect={onSelect} showFix />
          </ul>
        </div>
      ))}
    </div>
  );
}
