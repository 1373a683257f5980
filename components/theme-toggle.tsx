"use client";

import { useEffect, useState } from "react";

export type Theme = "light" | "dark";

/** Dark mode follows the system until the user picks, then remembers the choice. */
export function useTheme(): [Theme, () => void] {
  const [theme, setTheme] = useState<Theme>("light");
  useEffect(() => {
    const saved = window.localStorage.getItem("plumbline-theme");
    setTheme(
      saved === "dark" || saved === "light"
        ? saved
        : window.matchMedia("(prefers-color-scheme: dark)").matches
          ? "dark"
          : "light",
    );
  }, []);
  useEffect(() => {
    document.documentElement.classList.toggle("dark", theme === "dark");
    document.documentElement.style.colorScheme = theme;
  }, [theme]);
  return [
    theme,
    () =>
      setTheme((t) => {
        const next = t === "dark" ? "light" : "dark";
        window.localStorage.setItem("plumbline-theme", next);
        return next;
      }),
  ];
}
