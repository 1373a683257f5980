import type { ReactNode } from "react";

/** The graph, or what stands in its place while the view is read or when it could not be. */
export function GraphPane({
  loading,
  error,
  children,
}: {
  /** the view asked for has not arrived yet */
  loading: boolean;
  /** why the subscription failed, when it did */
  error: string | null;
  children: ReactNode;
}) {
  if (loading && error === null) {
    return <div className="grid h-full place-items-center text-sm text-slate-500">Reading the cluster…</div>;
  }
  if (loading && error !== null) {
    return (
      <div role="alert" className="m-6 max-w-xl rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800">
        <p className="font-medium">Could not read the topology.</p>
        <p className="mt-1 font-mono text-xs">{error}</p>
        <p className="mt-2">Check that the server can reach the cluster (its log says why), then reload.</p>
      </div>
    );
  }
  return children;
}
