import { z } from "zod";

/**
 * The matrix's column window: at OpenShift's largest a cluster has hundreds of networks, while a screen shows some
 * thirty columns. As with rows (rows.ts), the page asks for the columns in sight (networks in namespace/name order) and
 * the server sends those networks, their cells and how many columns there are in all, so the scrollbar and the headers
 * left out are right before the other columns arrive.
 */

/** At most this many columns in one window. */
export const MAX_COLUMNS = 500;
/** The page asks for windows aligned to this many columns, so a sideways scroll asks again only past a page. */
export const COLUMN_PAGE = 24;

export const columnWindowSchema = z.object({
  offset: z.number().int().nonnegative().max(100_000),
  limit: z.number().int().positive().max(MAX_COLUMNS),
});
export type ColumnWindow = z.infer<typeof columnWindowSchema>;

/**
 * What a view asked without a column window gets: what the page asks for at first on a screen up to ~2,300 px wide
 * (columnsFor(0, n) for the n ≤ 48 columns in sight with the overscan: three pages), so it is not asked again at once.
 */
export const DEFAULT_COLUMNS: ColumnWindow = { offset: 0, limit: 3 * COLUMN_PAGE };

/**
 * The window a page whose columns `first`..`last` (exclusive) are in sight asks for: whole pages, one more right, and
 * never fewer than the first window's three (a narrow screen asks for what the server sent at first, not again).
 */
export function columnsFor(first: number, last: number): ColumnWindow {
  const offset = Math.floor(Math.max(0, first) / COLUMN_PAGE) * COLUMN_PAGE;
  const pages = Math.max(3, Math.ceil(Math.max(1, last - offset) / COLUMN_PAGE) + 1);
  return { offset, limit: Math.min(MAX_COLUMNS, pages * COLUMN_PAGE) };
}
