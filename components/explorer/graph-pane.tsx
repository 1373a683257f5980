import type { ReactNode } from "react";

/** The graph, or what stands in its place: reading, why it could not be read, or why there is nothing to draw. */
export function GraphPane({
  pending,
  error,
  shown,
  total,
  children,
}: {
  pending: boolean;
  error: string | null;
  /** elements in view, and in the whole cluster (undefined until read) */
  shown: number | undefined;
  total: number | undefined;
  children: ReactNode;
}) {
  if (pending) return <div className="grid h-full place-items-center text-sm text-slate-500">Reading the cluster…</div>;
  if (error !== null) {
    return (
      <div role="alert" className="m-6 max-w-xl rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800">
        <p className="font-medium">Could not read the topology.</p>
        <p className="mt-1 font-mono text-xs">{error}</p>
        <p className="mt-2">Check that the server can reach the cluster (its log says why), then reload.</p>
      </div>
    );
  }
  if (shown === 0) {
    return (
      <div className="grid h-full place-items-center p-6 text-center text-sm text-slate-500">
        {total === 0
          ? "The cluster has no nodes, pods or networks that this identity may list. The findings say what could not be read."
          : "Nothing matches this view and these filters. Clear a filter or pick another view."}
      </div>
    );
  }
  return children;
}
