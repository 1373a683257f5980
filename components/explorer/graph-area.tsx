"use client";

import type { ColorMode } from "@xyflow/react";
import { type ReactNode, useState } from "react";
import { refOf } from "@/lib/contract/ids";
import type { Topology } from "@/lib/contract/schema";
import type { View } from "@/lib/graph/explorer-state";
import type { GraphModel } from "@/lib/graph/model";
import type { ColumnWindow } from "@/lib/overview/columns";
import type { RowWindow } from "@/lib/overview/rows";
import type { ClusterOverview } from "@/lib/overview/schema";
import { TopologyGraph } from "../graph/topology-graph";
import { OverviewMatrix } from "../overview/overview-matrix";
import { ReachOverlay } from "../reach/reach-overlay";
import { traceMark } from "../trace";
import { EmptyNetwork, RemovedNetwork } from "./empty-network";
import { NearHost } from "./near-host";

export interface GraphAreaProps {
  /** the kubeconfig context read, for the queries a part of the area makes itself */
  context: string | undefined;
  full: Topology | undefined;
  view: View;
  shown: Topology | null;
  model: GraphModel | null;
  /** set when the cluster is drawn as the hosts × networks matrix instead of a graph */
  overview: ClusterOverview | null;
  /** each network's colour, among those on screen */
  colours: Map<string, string>;
  selected: string | null;
  focusSeq: number;
  theme: ColorMode;
  exportName: string;
  fitKey: string;
  onSelect: (id: string | null) => void;
  onToggleFold: (id: string) => void;
  onOpenHost: (host: string) => void;
  onOpenNetwork: (network: string) => void;
  onOpenCell: (host: string, network: string) => void;
  onShowCluster: () => void;
  onRows: (w: RowWindow) => void;
  onColumns: (c: ColumnWindow) => void;
  /** a matrix row the pointer rests on or the keyboard focuses: its host may be opened next (fetched ahead) */
  onNearHost?: (host: string) => void;
}

/** What the main area shows; on a network's view, with its last measured reachability drawn over it. */
export function GraphArea(p: GraphAreaProps) {
  // which view and filters the picture is drawn for (fitKey), for the page's trace (the benchmarks, an e2e's order)
  traceMark("picture:render", p.fitKey);
  const network = p.view.kind === "network" ? p.view.network : null;
  const area = <Area {...p} />;
  if (!network) return area;
  return (
    <div className="relative h-full">
      {area}
      <ReachOverlay network={network} />
    </div>
  );
}

/**
 * The matrix at scale, the graph otherwise, or why there is nothing to draw. A matrix left for a host's or a pod's
 * graph stays in the page, hidden (KeptMatrix), so that leaving it takes no removal of its rows (`removeChild`, 55–95 ms
 * of a pick at 20k pods) and coming back draws it again rather than anew, where it was scrolled to.
 */
function Area(p: GraphAreaProps) {
  const kept = useKeptOverview(p.overview, p.colours);
  if (!kept) return <Picture {...p} />;
  const shown = p.overview !== null;
  return (
    <>
      <KeptMatrix hidden={!shown}>
        <NearHost onNearHost={p.onNearHost}>
          <OverviewMatrix
            overview={kept.overview}
            colours={kept.colours}
            onOpenHost={p.onOpenHost}
            onOpenNetwork={p.onOpenNetwork}
            onOpenCell={p.onOpenCell}
            onRows={p.onRows}
            onColumns={p.onColumns}
          />
        </NearHost>
      </KeptMatrix>
      {/* over the hidden matrix, in the same place */}
      {shown ? null : (
        <div className="absolute inset-0">
          <Picture {...p} />
        </div>
      )}
    </>
  );
}

/** The last matrix drawn and its colours, kept while another view is drawn; null until there has been one. */
function useKeptOverview(overview: ClusterOverview | null, colours: Map<string, string>) {
  const [kept, setKept] = useState<{ overview: ClusterOverview; colours: Map<string, string> } | null>(null);
  if (overview && (kept?.overview !== overview || kept.colours !== colours)) {
    const now = { overview, colours };
    setKept(now);
    return now;
  }
  return kept;
}

/**
 * The matrix's place, hidden while a graph is drawn over it: its box and scroll position stay (its display does not
 * change, which would lose both), its contents are neither laid out nor painted (content-visibility), and it is out of
 * the accessibility tree, the tab order and the pointer's way (invisible, inert), so the page reads as one picture.
 */
function KeptMatrix({ hidden, children }: { hidden: boolean; children: ReactNode }) {
  return (
    <div
      className={hidden ? "invisible h-full" : "h-full"}
      style={hidden ? { contentVisibility: "hidden" } : undefined}
      inert={hidden}
      aria-hidden={hidden || undefined}
      data-kept-matrix={hidden ? "hidden" : "shown"}
    >
      {children}
    </div>
  );
}

/** The graph, or why there is nothing to draw. */
function Picture(p: GraphAreaProps) {
  if (!p.shown || !p.model) return null;
  const network = p.view.kind === "network" ? p.view.network : null;
  if (network && p.full) {
    const net = p.full.elements.find((e) => e.kind === "network" && refOf(e) === network);
    if (net?.kind !== "network") return <RemovedNetwork name={network} onLeave={p.onShowCluster} />;
    if (!p.shown.elements.some((e) => e.kind === "interface" && e.network === network))
      return <EmptyNetwork net={net} context={p.context} onSelect={p.onSelect} />;
  }
  if (p.shown.elements.length === 0) {
    return (
      <div className="grid h-full place-items-center p-6 text-center text-sm text-slate-500">
        {p.full && p.full.elements.length === 0
          ? "The cluster has no nodes, pods or networks that this identity may list. The findings say what could not be read."
          : "Nothing matches this view and these filters. Clear a filter or pick another view."}
      </div>
    );
  }
  return (
    <TopologyGraph
      topology={p.shown}
      model={p.model}
      selected={p.selected}
      onSelect={p.onSelect}
      onToggleFold={p.onToggleFold}
      focusSeq={p.focusSeq}
      colorMode={p.theme}
      exportName={p.exportName}
      fitKey={p.fitKey}
    />
  );
}
