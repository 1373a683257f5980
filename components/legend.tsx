import { POINT_LABEL } from "./graph/point-node";
import { Icon } from "./icons";

export function Legend({ colours }: { colours: Map<string, string> }) {
  return (
    <section
      aria-label="Legend"
      className="max-h-[45%] shrink-0 overflow-y-auto border-t border-slate-200 px-4 py-3 text-xs dark:border-slate-700"
    >
      <h2 className="mb-2 font-semibold uppercase tracking-wide text-slate-500">Networks</h2>
      <ul className="mb-3 space-y-1">
        {[...colours].map(([name, colour]) => (
          <li key={name} className="flex items-center gap-2" data-network={name} data-colour={colour}>
            <span className="h-2.5 w-5 rounded-sm" style={{ background: colour }} />
            <span className="font-mono">{name}</span>
          </li>
        ))}
      </ul>
      <ul className="grid grid-cols-2 gap-1 text-slate-600 dark:text-slate-300">
        {Object.entries(POINT_LABEL).map(([kind, label]) => (
          <li key={kind} className="flex items-center gap-1">
            <Icon name={kind} className="h-3.5 w-3.5" /> {label}
          </li>
        ))}
        <li className="col-span-2 mt-1">solid border: observed · dashed: inferred</li>
        <li className="col-span-2">dashed line: same L2 segment across hosts</li>
      </ul>
    </section>
  );
}
