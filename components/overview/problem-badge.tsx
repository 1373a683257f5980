import type { ProblemCounts } from "@/lib/overview/schema";
import { cn } from "../cn";

/** Errors in red, else warnings in amber; nothing when there are neither (info alone is not a problem). */
export function ProblemBadge({ problems, label }: { problems: ProblemCounts; label: string }) {
  const { error, warning } = problems;
  if (error === 0 && warning === 0) return null;
  const isError = error > 0;
  const n = isError ? error : warning;
  return (
    <span
      data-testid="problem-badge"
      title={`${label}: ${error} error${error === 1 ? "" : "s"}, ${warning} warning${warning === 1 ? "" : "s"}`}
      className={cn(
        "inline-flex h-4 min-w-4 items-center justify-center rounded-full px-1 text-[11px] font-semibold leading-none text-white",
        isError ? "bg-red-600" : "bg-amber-500",
      )}
    >
      {n}
    </span>
  );
}
