"use client";

import { useMutation } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useTRPC } from "../trpc";
import { probeButton } from "./inspect-node-links";

/**
 * "Forget probed links": start over for this host, as before any inspection (its NodeNetworkState, else inferred),
 * e.g. after changing the node's wiring by hand. The view redraws from the live stream once the server forgets them.
 */
export function ForgetProbedLinks({ node }: { node: string }) {
  const trpc = useTRPC();
  const context = useSearchParams().get("context") ?? undefined;
  const forget = useMutation(trpc.nodeLinks.forget.mutationOptions());
  return (
    <span className="flex flex-col items-start gap-1">
      <button
        type="button"
        className={probeButton}
        disabled={forget.isPending}
        title="Show this host as before any inspection (its NodeNetworkState, else inferred) until the next one"
        onClick={() => forget.mutate({ ...(context ? { context } : {}), nodes: [node] })}
      >
        {forget.isPending ? "Forgetting…" : "Forget probed links"}
      </button>
      {forget.error ? (
        <span className="text-[11px] text-red-700" role="alert">
          {forget.error.message}
        </span>
      ) : null}
    </span>
  );
}
