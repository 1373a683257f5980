import { nameParts } from "@/lib/graph/name-tail";
import { cn } from "../cn";

/**
 * A name shortened in its middle when its box is too narrow (far out at 1024 px): the last dash part, which tells
 * generated names apart ("-wbx5f", "-main"), stays whole ("pod-a-66b7…-wbx5f"); the whole name is on hover and in the
 * details.
 */
export function CutName({
  name,
  className,
  testId,
  hover,
}: {
  name: string;
  className?: string;
  testId?: string;
  /** the whole name on hover, for a box whose own title says something else */
  hover?: boolean;
}) {
  const { head, tail } = nameParts(name);
  return (
    <span
      className={cn("node-title flex min-w-0 whitespace-nowrap", className)}
      data-testid={testId}
      title={hover ? name : undefined}
    >
      <span className="min-w-0 truncate">{head}</span>
      {tail ? <span className="shrink-0">{tail}</span> : null}
    </span>
  );
}
