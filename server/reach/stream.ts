/**
 * Turns a run that reports through a callback into an async stream of its events, ending when the run does; the
 * run's own errors end the stream with a last event made by `onError`. Leaving the stream early aborts the run.
 */
export async function* eventsOf<E>(
  run: (emit: (e: E) => void, signal: AbortSignal) => Promise<void>,
  onError: (e: unknown) => E,
  outer?: AbortSignal,
): AsyncGenerator<E, void> {
  const ac = new AbortController();
  const abort = () => ac.abort(new Error("the check was cancelled"));
  outer?.addEventListener("abort", abort, { once: true });
  const queue: E[] = [];
  let wake: (() => void) | null = null;
  let finished = false;
  const push = (e: E) => {
    queue.push(e);
    wake?.();
  };
  const done = run(push, ac.signal)
    .catch((e: unknown) => push(onError(e)))
    .finally(() => {
      finished = true;
      wake?.();
    });
  try {
    for (;;) {
      for (let e = queue.shift(); e !== undefined; e = queue.shift()) yield e;
      if (finished) break;
      await new Promise<void>((r) => {
        wake = r;
      });
      wake = null;
    }
  } finally {
    outer?.removeEventListener("abort", abort);
    if (!finished) abort();
    // The run's cleanup (deleting its pods) finishes before the stream is over, cancelled or not.
    await done;
  }
}
