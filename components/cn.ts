import { type ClassValue, clsx } from "clsx";
import { twMerge } from "tailwind-merge";

/**
 * Class names from parts, some of them conditional (`selected && "outline"`); of two Tailwind utilities for the same
 * property the later wins, so a shared base class can be refined at its use (`cn(select, "max-w-56")`).
 */
export const cn = (...parts: ClassValue[]): string => twMerge(clsx(parts));
