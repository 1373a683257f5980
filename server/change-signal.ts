/**
 * A level-triggered "something changed" flag an async loop can wait on: a notify that arrives while the
 * loop is busy is not lost, and many notifies coalesce into one wake-up.
 */
export class ChangeSignal {
  private pending = false;
  private wake: (() => void) | null = null;

  constructor(private readonly abort?: AbortSignal) {
    abort?.addEventListener("abort", () => this.wake?.(), { once: true });
  }

  notify(): void {
    this.pending = true;
    this.wake?.();
  }

  /** Resolves after the next change (or at once if one is pending), then waits `settleMs` to gather a burst. */
  async next(settleMs = 0): Promise<void> {
    if (!this.pending && !this.abort?.aborted) {
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
    if (settleMs > 0 && !this.abort?.aborted) await new Promise((r) => setTimeout(r, settleMs));
    this.pending = false;
  }
}
