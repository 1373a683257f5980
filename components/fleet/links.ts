import { defaultState, stateToParams, type View } from "@/lib/graph/explorer-state";

/** A cluster's own explorer, exactly as it opens alone: the context rides in the URL, with a view and a selection. */
export function explorerHref(context: string | undefined, view?: View, selected?: string): string {
  const base = new URLSearchParams(context ? { context } : {});
  const p = stateToParams({ ...defaultState, view: view ?? { kind: "cluster" }, selected: selected ?? null }, base);
  const q = p.toString();
  return q ? `/?${q}` : "/";
}
