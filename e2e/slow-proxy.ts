import { createServer, type Server, type Socket, connect as tcpConnect } from "node:net";

/**
 * A loopback TCP proxy in front of the API server that holds its answers back (nothing until `trickle`), then hands
 * them over at a trickle (`bytes` every `everyMs`, per connection) until `release`: a cluster as slow to list as a big
 * one over a long link, for browser tests of what the page shows meanwhile. TLS passes through untouched (the
 * certificate names 127.0.0.1, whatever the port).
 */
export class SlowProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private mode: "held" | "slow" | "free" = "held";
  port = 0;

  constructor(
    private readonly target: number,
    private readonly rate: { bytes: number; everyMs: number },
  ) {
    this.server = createServer((client) => this.pipe(client));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    this.port = typeof address === "object" && address ? address.port : 0;
  }

  /** From now on, the answers at the trickle's rate. */
  trickle(): void {
    this.mode = "slow";
  }

  /** From now on, everything at full speed (what is queued too). */
  release(): void {
    this.mode = "free";
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pipe(client: Socket): void {
    const upstream = tcpConnect(this.target, "127.0.0.1");
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
      s.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    const queue: Buffer[] = [];
    let ended = false;
    const flush = () => {
      let budget = { held: 0, slow: this.rate.bytes, free: Number.POSITIVE_INFINITY }[this.mode];
      while (budget > 0 && queue.length > 0) {
        const chunk = queue[0] as Buffer;
        const part = chunk.subarray(0, budget);
        client.write(part);
        budget -= part.length;
        if (part.length === chunk.length) queue.shift();
        else queue[0] = chunk.subarray(part.length);
      }
      // (read no more from the API server than a few ticks' worth ahead)
      if (queue.length < 4) upstream.resume();
      if (ended && queue.length === 0) {
        clearInterval(timer);
        client.end();
      }
    };
    const timer = setInterval(flush, this.rate.everyMs);
    upstream.on("data", (chunk: Buffer) => {
      queue.push(chunk);
      if (queue.length >= 4) upstream.pause();
    });
    upstream.on("end", () => {
      ended = true;
    });
    for (const s of [client, upstream]) s.on("close", () => clearInterval(timer));
  }
}
