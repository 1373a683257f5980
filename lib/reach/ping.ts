/**
 * ping's summary, from busybox (`3 packets transmitted, 3 packets received, 0% packet loss` / `round-trip
 * min/avg/max = …`) or iputils (`3 packets transmitted, 3 received, +2 errors, 0% packet loss, time 412ms` /
 * `rtt min/avg/max/mdev = …`), and the first error line when ping could not even send (`ping: bad address 'net1'`,
 * `ping: connect: Network is unreachable`). Anything else in the text is ignored; nothing here throws.
 */
export interface PingSummary {
  transmitted: number;
  received: number;
  /** 0–100 */
  lossPct: number;
  /** ms, when at least one reply came */
  rtt?: { min: number; avg: number; max: number };
  /** ICMP errors iputils counted (e.g. Destination Host Unreachable) */
  errors?: number;
  /** ping's own complaint, e.g. "sendto: Network is unreachable" */
  error?: string;
}

const COUNTS =
  /(\d+) packets transmitted, (\d+)(?: packets)? received(?:, \+(\d+) errors)?(?:, ([\d.]+)% packet loss)?/;
const RTT = /(?:round-trip|rtt) min\/avg\/max(?:\/mdev)? = ([\d.]+)\/([\d.]+)\/([\d.]+)/;
const ERROR = /^ping: (.{1,200})$/m;

export function parsePing(text: string): PingSummary | null {
  const counts = COUNTS.exec(text);
  const error = ERROR.exec(text)?.[1]?.trim();
  if (!counts) return error ? { transmitted: 0, received: 0, lossPct: 100, error } : null;
  const transmitted = Number(counts[1]);
  const received = Math.min(Number(counts[2]), transmitted);
  const lossPct =
    counts[4] !== undefined
      ? Math.min(100, Number(counts[4]))
      : transmitted > 0
        ? Math.round(((transmitted - received) / transmitted) * 100)
        : 100;
  const out: PingSummary = { transmitted, received, lossPct };
  const rtt = RTT.exec(text);
  if (rtt && received > 0) out.rtt = { min: Number(rtt[1]), avg: Number(rtt[2]), max: Number(rtt[3]) };
  if (counts[3] !== undefined) out.errors = Number(counts[3]);
  if (error) out.error = error;
  return out;
}
