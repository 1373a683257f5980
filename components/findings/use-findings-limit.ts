"use client";

import { useCallback, useState } from "react";
import { FINDINGS_PAGE, MAX_FINDINGS } from "@/lib/wire/view-protocol";

/**
 * How many findings the page asks a view sent as its overview for (ViewQuery.findings): a page at first, a page more
 * each time the panel's "Show more" is pressed. Another view (`viewKey`) starts at one page again, set while rendering
 * so the old limit is never asked for it.
 */
export function useFindingsLimit(viewKey: string): [number, () => void] {
  const [limit, setLimit] = useState(FINDINGS_PAGE);
  const [limitOf, setLimitOf] = useState(viewKey);
  if (limitOf !== viewKey) {
    setLimitOf(viewKey);
    setLimit(FINDINGS_PAGE);
  }
  const more = useCallback(() => setLimit((n) => Math.min(MAX_FINDINGS, n * 4)), []);
  return [limit, more];
}
