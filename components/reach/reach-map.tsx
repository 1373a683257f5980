import { type MapDirection, type ReachMapModel, type ReachTone, reachMap } from "@/lib/reach/map";
import type { ReachResult } from "@/lib/reach/schema";
import { cn } from "../cn";
import { LABEL_TONE, LINE_TONE, TONE_WORDS } from "./tones";

const BOX_W = 184;
const BOX_H = 44;
const TONES: ReachTone[] = ["ok", "calm", "alarm", "unsure", "none"];
/** Past this many hosts the pair labels would overlap: the lines keep their colour and their tooltip. */
const LABELS_UP_TO = 4;

type Point = { x: number; y: number };

/** Where each host's box goes: two side by side, more on a circle (16 at most: the run's bound). */
function place(n: number): { at: Point[]; width: number; height: number } {
  if (n <= 2) {
    const width = n === 1 ? BOX_W + 40 : 620;
    const side = BOX_W / 2 + 8;
    return {
      at:
        n === 1
          ? [{ x: width / 2, y: 48 }]
          : [
              { x: side, y: 48 },
              { x: width - side, y: 48 },
            ],
      width,
      height: 100,
    };
  }
  // Neighbours on the circle one box width apart at least.
  const r = Math.max(110, (BOX_W / 2 + 12) / Math.sin(Math.PI / n));
  const width = 2 * r + BOX_W + 20;
  const height = 2 * r + BOX_H + 40;
  const at = Array.from({ length: n }, (_, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return { x: width / 2 + r * Math.cos(a), y: height / 2 + r * Math.sin(a) };
  });
  return { at, width, height };
}

const short = (name: string, max = 20) => (name.length > max ? `${name.slice(0, max - 1)}…` : name);

function Line({
  from,
  to,
  d,
  offset,
  label,
}: {
  from: Point;
  to: Point;
  d: MapDirection;
  offset: number;
  label: boolean;
}) {
  const len = Math.hypot(to.x - from.x, to.y - from.y) || 1;
  const [nx, ny] = [(-(to.y - from.y) / len) * offset, ((to.x - from.x) / len) * offset];
  const style = LINE_TONE[d.tone];
  const mid = { x: (from.x + to.x) / 2 + nx * 3.2, y: (from.y + to.y) / 2 + ny * 3.2 + (offset === 0 ? -6 : 4) };
  return (
    <g data-testid="reach-map-line" data-from={d.from} data-to={d.to} data-tone={d.tone}>
      <title>{d.title}</title>
      <line
        x1={from.x + nx}
        y1={from.y + ny}
        x2={to.x + nx}
        y2={to.y + ny}
        className={style.className}
        strokeWidth={style.width}
        strokeDasharray={style.dash}
        markerEnd={offset === 0 ? undefined : `url(#reach-arrow-${d.tone})`}
      />
      {label ? (
        <text
          x={mid.x}
          y={mid.y}
          textAnchor="middle"
          className={cn("fill-current text-[11px]", LABEL_TONE[d.tone])}
          stroke="var(--reach-map-halo)"
          strokeWidth={4}
          paintOrder="stroke"
        >
          {offset === 0 ? "⇄ " : to.x >= from.x ? "→ " : "← "}
          {d.label}
        </text>
      ) : null}
    </g>
  );
}

function Host({ at, host }: { at: Point; host: ReachMapModel["hosts"][number] }) {
  const self = host.self;
  return (
    <g data-testid="reach-map-host" data-host={host.name} data-tone={self?.tone ?? "none"}>
      <title>
        {self ? `${self.title} (two probes on this host)` : `${host.name}: ${host.problem ?? "not tested"}`}
      </title>
      <rect
        x={at.x - BOX_W / 2}
        y={at.y - BOX_H / 2}
        width={BOX_W}
        height={BOX_H}
        rx={8}
        className={cn(
          "fill-white stroke-2 dark:fill-slate-900",
          self ? LINE_TONE[self.tone].className : "stroke-slate-300",
        )}
        strokeDasharray={self ? LINE_TONE[self.tone].dash : "1 4"}
      />
      <text
        x={at.x}
        y={at.y - 4}
        textAnchor="middle"
        className="fill-current font-mono text-[12px] text-slate-800 dark:text-slate-100"
      >
        {short(host.name)}
      </text>
      <text
        x={at.x}
        y={at.y + 12}
        textAnchor="middle"
        className={cn("fill-current text-[11px]", LABEL_TONE[self?.tone ?? "none"])}
      >
        {self ? `⟲ ${self.label}` : short(`not tested: ${host.problem ?? ""}`, 30)}
      </text>
    </g>
  );
}

/**
 * The last run drawn as the hosts it probed and a line per host pair: green reachable, grey dashed unreachable as the
 * topology predicts, red what it did not predict, dotted not tested; two arrows when the directions differ.
 */
export function ReachMap({ result }: { result: ReachResult }) {
  const m = reachMap(result);
  const { at, width, height } = place(m.hosts.length);
  const pos = new Map(m.hosts.map((h, i) => [h.name, at[i] ?? { x: 0, y: 0 }]));
  const labels = m.hosts.length <= LABELS_UP_TO;
  return (
    <div className="space-y-1 [--reach-map-halo:white] dark:[--reach-map-halo:#0f172a]" data-testid="reach-map">
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Reachability on ${result.network}: ${result.headline}`}
        className="max-w-full"
      >
        <defs>
          {TONES.map((t) => (
            <marker
              key={t}
              id={`reach-arrow-${t}`}
              viewBox="0 0 10 10"
              refX="10"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" className={cn("fill-current", LABEL_TONE[t])} />
            </marker>
          ))}
        </defs>
        {m.pairs.map((p) => {
          const [a, b] = [pos.get(p.a), pos.get(p.b)];
          if (!a || !b) return null;
          // Lines stop at the boxes' edges, so arrowheads show.
          const [from, to] = trim(a, b);
          if (p.same && p.ab)
            return <Line key={`${p.a}|${p.b}`} from={from} to={to} d={p.ab} offset={0} label={labels} />;
          return (
            <g key={`${p.a}|${p.b}`}>
              {p.ab ? <Line from={from} to={to} d={p.ab} offset={5} label={labels} /> : null}
              {p.ba ? <Line from={to} to={from} d={p.ba} offset={5} label={labels} /> : null}
            </g>
          );
        })}
        {m.hosts.map((h) => (
          <Host key={h.name} at={pos.get(h.name) ?? { x: 0, y: 0 }} host={h} />
        ))}
      </svg>
      <ul className="flex flex-wrap gap-x-3 gap-y-0.5 text-[11px]" aria-label="Legend" data-testid="reach-map-legend">
        {TONES.filter((t) => m.counts[t] > 0 || t === "alarm").map((t) => (
          <li key={t} className="flex items-center gap-1">
            <svg width="22" height="8" aria-hidden="true">
              <line
                x1="1"
                y1="4"
                x2="21"
                y2="4"
                className={LINE_TONE[t].className}
                strokeWidth={LINE_TONE[t].width}
                strokeDasharray={LINE_TONE[t].dash}
              />
            </svg>
            <span className={m.counts[t] > 0 ? LABEL_TONE[t] : "text-slate-500"}>
              {TONE_WORDS[t]} ({m.counts[t]})
            </span>
          </li>
        ))}
        <li className="text-slate-500">⟲ in a box: its two probes on that host</li>
      </ul>
    </div>
  );
}

/** The segment between two box centres, cut where it leaves each box. */
function trim(a: Point, b: Point): [Point, Point] {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.min(dx === 0 ? 1 : BOX_W / 2 / Math.abs(dx), dy === 0 ? 1 : BOX_H / 2 / Math.abs(dy));
  return [
    { x: a.x + dx * t, y: a.y + dy * t },
    { x: b.x - dx * t, y: b.y - dy * t },
  ];
}
