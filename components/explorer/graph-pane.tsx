import type { ReactNode } from "react";
import { FirstReadProgress } from "./first-read";

/** The graph, or what stands in its place while the view is read or when it could not be. */
export function GraphPane({
  context,
  loading,
  error,
  children,
}: {
  /** the kubeconfig context read (the server's own when absent) */
  context: string | undefined;
  /** the view asked for has not arrived yet */
  loading: boolean;
  /** why the subscription failed, when it did */
  error: string | null;
  children: ReactNode;
}) {
  if (loading && error === null) {
    return <FirstReadProgress context={context} />;
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
