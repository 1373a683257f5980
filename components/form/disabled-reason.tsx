"use client";

import { type ReactNode, useId } from "react";
import { cn } from "@/components/cn";

/**
 * A control that cannot be used here and says why, on hover and on keyboard focus alike. A `disabled` button
 * cannot take focus, so a keyboard user would never learn the reason (and a `title` shows on hover only): this
 * one stays focusable (`aria-disabled`), does nothing when pressed, and carries the reason as its accessible
 * description and as a tooltip that shows while it is hovered or focused.
 */
export function DisabledWithReason({
  label,
  reason,
  className,
  align = "left",
}: {
  label: ReactNode;
  reason: string;
  className: string;
  /** which edge of the control the tooltip lines up with: the edge away from the window's side */
  align?: "left" | "right";
}) {
  const id = useId();
  return (
    <span className="group relative inline-flex">
      <button
        type="button"
        aria-disabled="true"
        aria-describedby={id}
        className={cn(className, "cursor-not-allowed opacity-50")}
        onClick={(e) => e.preventDefault()}
      >
        {label}
      </button>
      <span
        role="tooltip"
        id={id}
        className={cn(
          "pointer-events-none invisible absolute top-full z-50 mt-1.5 w-64 rounded-md bg-slate-900 px-2.5 py-1.5 text-left text-xs leading-snug font-normal text-white shadow-lg group-hover:visible group-focus-within:visible dark:bg-slate-100 dark:text-slate-900",
          align === "right" ? "right-0" : "left-0",
        )}
      >
        {reason}
      </span>
    </span>
  );
}
