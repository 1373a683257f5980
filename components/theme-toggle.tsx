"use client";

import { useTheme as useNextTheme } from "next-themes";
import { useSyncExternalStore } from "react";
import { cn } from "./cn";

export type Theme = "light" | "dark";

const never = () => () => {};

/**
 * Dark mode follows the system until the user picks, then remembers the choice (next-themes: its inline script sets
 * the html class before the first paint, so a dark system never sees a light flash). Until hydration is over the
 * server's answer, "light", is kept: the page's colours come from the html class already, and React's first render
 * must match the server's.
 */
export function useTheme(): [Theme, () => void] {
  const { resolvedTheme, setTheme } = useNextTheme();
  const hydrated = useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
  const theme: Theme = hydrated && resolvedTheme === "dark" ? "dark" : "light";
  return [theme, () => setTheme(theme === "dark" ? "light" : "dark")];
}

/** The header's theme switch: names the theme it switches to. */
export function ThemeToggle({ className }: { className?: string }) {
  const [theme, toggle] = useTheme();
  return (
    <button
      type="button"
      onClick={toggle}
      className={cn("rounded-md border border-slate-300 px-2 py-1 text-xs dark:border-slate-600", className)}
      aria-label="Toggle dark mode"
    >
      {theme === "dark" ? "Light" : "Dark"}
    </button>
  );
}
