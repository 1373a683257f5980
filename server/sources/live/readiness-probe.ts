/**
 * While a source is stale, asks the API server one cheap question (GET /version) on a short interval, so recovery
 * follows the server within about one interval instead of waiting out a reconnect backoff that has grown to 30 s.
 * The first answer stops the probe and calls `onBack`; the source then retries its broken parts at once.
 */
export class ReadinessProbe {
  private timer: NodeJS.Timeout | undefined;
  private inFlight = false;

  constructor(
    private readonly ask: () => Promise<unknown>,
    private readonly onBack: () => void,
    private readonly intervalMs: number,
  ) {}

  /** Starts probing unless it already is. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    if (this.inFlight) return;
    this.inFlight = true;
    try {
      await this.ask();
    } catch {
      return; // still down: the next tick asks again
    } finally {
      this.inFlight = false;
    }
    if (!this.timer) return; // stopped meanwhile (the source closed)
    this.stop();
    this.onBack();
  }
}
