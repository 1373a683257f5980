import type { ReactElement } from "react";

/** Line icons drawn inline, so they render the same everywhere (no emoji font needed). */
const PATHS: Record<string, ReactElement> = {
  host: (
    <>
      <rect x="3" y="4" width="18" height="12" rx="1.5" />
      <path d="M8 20h8M12 16v4" />
    </>
  ),
  pod: (
    <>
      <path d="M12 3 20 7.5v9L12 21l-8-4.5v-9z" />
      <path d="M4 7.5 12 12l8-4.5M12 12v9" />
    </>
  ),
  bridge: (
    <>
      <path d="M3 17h18M5 17V9M19 17V9M5 9c3 3 11 3 14 0M9 17v-4M15 17v-4" />
    </>
  ),
  "macvlan-parent": (
    <>
      <path d="M9 3v5M15 3v5M7 8h10v4a5 5 0 0 1-10 0zM12 17v4" />
    </>
  ),
  "ipvlan-parent": (
    <>
      <path d="M9 3v5M15 3v5M7 8h10v4a5 5 0 0 1-10 0zM12 17v4" />
    </>
  ),
  "vlan-parent": (
    <>
      <path d="M3 12l9-9h8v8l-9 9z" />
      <circle cx="15.5" cy="8.5" r="1.5" />
    </>
  ),
  "host-device": (
    <>
      <rect x="6" y="6" width="12" height="12" rx="1" />
      <path d="M9 2v4M15 2v4M9 18v4M15 18v4M2 9h4M2 15h4M18 9h4M18 15h4" />
    </>
  ),
  "sriov-pf": (
    <>
      <path d="M13 2 4 14h7l-1 8 9-12h-7z" />
    </>
  ),
  "ovn-switch": (
    <>
      <rect x="3" y="9" width="18" height="6" rx="1.5" />
      <path d="M7 9V5M12 9V5M17 9V5M7 15v4M17 15v4" />
    </>
  ),
  vm: (
    <>
      <rect x="3" y="4" width="18" height="13" rx="1.5" />
      <path d="M7 8h10v5H7zM9 21h6M12 17v4" />
    </>
  ),
  network: (
    <>
      <circle cx="12" cy="5" r="2.5" />
      <circle cx="5" cy="19" r="2.5" />
      <circle cx="19" cy="19" r="2.5" />
      <path d="M12 7.5v5M12 12.5 6.5 17M12 12.5l5.5 4.5" />
    </>
  ),
  error: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v6M12 16.5v.5" />
    </>
  ),
  warning: (
    <>
      <path d="M12 3 2 20h20z" />
      <path d="M12 10v4M12 17v.5" />
    </>
  ),
  info: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 11v6M12 7.5v.5" />
    </>
  ),
};

export function Icon({ name, className = "h-4 w-4" }: { name: string; className?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
      aria-hidden
    >
      {PATHS[name] ?? PATHS.info}
    </svg>
  );
}
