import { rangeText } from "@/lib/fleet/fleet-findings";
import type { FleetCluster, FleetKindRow } from "@/lib/fleet/schema";

/** Networks by what they are (type, link, VLAN, ranges), whatever each cluster calls them. */
export function KindTable({ clusters, kinds }: { clusters: readonly FleetCluster[]; kinds: readonly FleetKindRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-700">
      <table data-testid="fleet-kinds" className="w-full border-collapse text-sm">
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800">
          <tr>
            <th className="px-3 py-2 font-medium">Type</th>
            <th className="px-3 py-2 font-medium">Master / bridge</th>
            <th className="px-3 py-2 font-medium">VLAN</th>
            <th className="px-3 py-2 font-medium">Range</th>
            {clusters.map((c) => (
              <th key={c.context} className="px-3 py-2 font-medium normal-case">
                {c.context}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {kinds.map((k) => (
            <tr key={k.key} className="border-t border-slate-200 align-top dark:border-slate-700">
              <td className="px-3 py-1.5">{k.type}</td>
              <td className="px-3 py-1.5 font-mono text-xs">{k.link ?? "—"}</td>
              <td className="px-3 py-1.5">{k.vlan ?? "—"}</td>
              <td className="px-3 py-1.5 font-mono text-xs">{k.ranges.map(rangeText).join(", ") || "—"}</td>
              {k.cells.map((names, i) => (
                <td key={clusters[i]?.context ?? i} className="px-3 py-1.5 text-xs">
                  {names === null ? (
                    <span className="italic text-slate-400" title="this cluster could not be read whole">
                      unknown
                    </span>
                  ) : names.length ? (
                    names.join(", ")
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
