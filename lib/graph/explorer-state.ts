import type { Criteria } from "../match/filter";

/** The explorer's views; each is deep-linkable as URL parameters. */
export type View =
  | { kind: "cluster" }
  | { kind: "network"; network: string }
  | { kind: "host"; host: string }
  | { kind: "pod"; pod: string };

export interface ExplorerState {
  view: View;
  filters: Criteria;
  /** the selected element's id, opened in the details panel */
  selected: string | null;
  showDefault: boolean;
}

export const defaultState: ExplorerState = {
  view: { kind: "cluster" },
  filters: {},
  selected: null,
  showDefault: false,
};

/** A view narrows like a filter; both together must hold. */
export function viewCriteria(view: View, filters: Criteria): Criteria {
  switch (view.kind) {
    case "cluster":
      return filters;
    case "network":
      return { ...filters, network: view.network };
    case "host":
      return { ...filters, host: view.host };
    case "pod":
      return { ...filters, pod: view.pod };
  }
}

const PARAMS = { namespace: "ns", network: "net", host: "host" } as const;
const FILTER_KEYS = ["namespace", "network", "host"] as const;

export function stateFromParams(p: URLSearchParams): ExplorerState {
  const v = p.get("view");
  const target = p.get("target") ?? "";
  const view: View =
    v === "network" && target
      ? { kind: "network", network: target }
      : v === "host" && target
        ? { kind: "host", host: target }
        : v === "pod" && target
          ? { kind: "pod", pod: target }
          : { kind: "cluster" };
  const filters: Criteria = {};
  for (const key of FILTER_KEYS) {
    const value = p.get(PARAMS[key]);
    if (value) filters[key] = value;
  }
  return { view, filters, selected: p.get("sel"), showDefault: p.get("eth0") === "1" };
}

/** Writes the state into URL parameters, keeping the ones that are not the explorer's (e.g. context). */
export function stateToParams(s: ExplorerState, base: URLSearchParams): URLSearchParams {
  const p = new URLSearchParams(base);
  for (const k of ["view", "target", "sel", "eth0", ...Object.values(PARAMS)]) p.delete(k);
  if (s.view.kind !== "cluster") {
    p.set("view", s.view.kind);
    p.set("target", s.view.kind === "network" ? s.view.network : s.view.kind === "host" ? s.view.host : s.view.pod);
  }
  for (const key of FILTER_KEYS) {
    const value = s.filters[key];
    if (value) p.set(PARAMS[key], value);
  }
  if (s.selected) p.set("sel", s.selected);
  if (s.showDefault) p.set("eth0", "1");
  return p;
}
