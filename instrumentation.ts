/** Next calls this once when the server starts: a bad setting stops it there, with the reason, not at the first request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkConfigOrExit } = await import("./server/startup");
  checkConfigOrExit();
}
