/** The preload's LISTs, sent now on a thread of their own when the server would send early lists; how many. */
export function preloadLists(env: Record<string, string | undefined>): number;
