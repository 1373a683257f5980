import type { SourceInfo, SourceStatus } from "@/lib/wire/payload";
import { cn } from "./cn";

const since = (iso: string): string => new Date(iso).toLocaleTimeString();

export function StatusChip({ source, status }: { source: SourceInfo; status: SourceStatus }) {
  const [text, cls, title] = ((): [string, string, string] => {
    switch (status.state) {
      case "static":
        return source.kind === "demo"
          ? [
              "demo · writes stay in memory",
              "bg-sky-100 text-sky-800",
              "The embedded demo cluster: nothing here touches a real cluster",
            ]
          : [
              "snapshot · read-only",
              "bg-slate-200 text-slate-700",
              "A file: what the cluster looked like when it was taken",
            ];
      case "live":
        return ["live", "bg-emerald-100 text-emerald-800", `watching since ${since(status.since)}`];
      case "connecting":
        return ["connecting…", "bg-slate-200 text-slate-700", "listing objects"];
      case "stale":
        return [`stale since ${since(status.since)}`, "bg-amber-100 text-amber-900", status.reason];
      case "failed":
        return ["disconnected", "bg-red-100 text-red-800", status.reason];
    }
  })();
  return (
    <span
      data-testid="source-status"
      data-state={status.state}
      title={title}
      className={cn("rounded-full px-2.5 py-1 text-xs font-medium", cls)}
    >
      {text}
    </span>
  );
}
