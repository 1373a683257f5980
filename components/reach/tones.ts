import type { ReachTone } from "@/lib/reach/map";

// One palette for a measured direction, in the matrix and on the map (lib/reach/map.ts says what each tone means):
// red only for what contradicts the topology; an unreachable pair the topology predicts is grey, not red.

/** Cell backgrounds and text. */
export const CELL_TONE: Record<ReachTone, string> = {
  ok: "bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
  calm: "bg-slate-50 text-slate-700 dark:bg-slate-900 dark:text-slate-300",
  alarm: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100",
  unsure: "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-100",
  none: "bg-slate-100 italic text-slate-500 dark:bg-slate-800 dark:text-slate-400",
};

/** Lines on the map: colour, and dashes for what did not get through. */
export const LINE_TONE: Record<ReachTone, { className: string; dash?: string; width: number }> = {
  ok: { className: "stroke-emerald-600 dark:stroke-emerald-400", width: 2.5 },
  calm: { className: "stroke-slate-400 dark:stroke-slate-500", dash: "6 4", width: 2 },
  alarm: { className: "stroke-red-600 dark:stroke-red-400", width: 3.5 },
  unsure: { className: "stroke-amber-500", dash: "2 3", width: 2 },
  none: { className: "stroke-slate-300 dark:stroke-slate-600", dash: "1 4", width: 2 },
};

/** Labels on the map. */
export const LABEL_TONE: Record<ReachTone, string> = {
  ok: "text-emerald-800 dark:text-emerald-300",
  calm: "text-slate-600 dark:text-slate-300",
  alarm: "font-semibold text-red-700 dark:text-red-300",
  unsure: "text-amber-800 dark:text-amber-300",
  none: "italic text-slate-500",
};

export const TONE_WORDS: Record<ReachTone, string> = {
  ok: "reachable, as expected",
  calm: "unreachable, as expected",
  alarm: "unexpected",
  unsure: "no expectation",
  none: "not tested",
};
