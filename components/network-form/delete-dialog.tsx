"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { NetworkElement } from "@/lib/topology/schema";
import { dangerButton, secondaryButton } from "../form/styles";
import { useTRPC } from "../trpc";

const SHOWN_PODS = 8;

/** "in use by 2 pods: pod-a, pod-b" before anything is deleted; the operator entry instead of the NAD when it owns it. */
export function DeleteDialog({
  net,
  pods,
  context,
  onClose,
  onDeleted,
}: {
  net: NetworkElement;
  pods: string[];
  context?: string;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.networks.remove.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const key = `${net.namespace}/${net.name}`;
  const operator = net.managedBy !== null;

  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    cancelRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") closeRef.current();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const confirm = async () => {
    setError(null);
    try {
      const result = await remove.mutateAsync({
        ...(context ? { context } : {}),
        namespace: net.namespace,
        name: net.name,
        target: operator ? "operator" : "nad",
      });
      if (!result.ok) {
        setError(result.message);
        return;
      }
      await queryClient.invalidateQueries(trpc.topology.pathFilter());
      await queryClient.invalidateQueries(trpc.networks.pathFilter());
      onDeleted();
    } catch (e) {
      setError(`The request failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <div
      className="fixed inset-0 z-50 grid place-items-center bg-slate-900/50 p-4"
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="delete-title"
        aria-describedby="delete-body"
        className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-5 text-slate-900 shadow-xl dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <h2 id="delete-title" className="text-base font-semibold">
          Delete <span className="font-mono">{key}</span>?
        </h2>
        <div id="delete-body" className="mt-2 space-y-2 text-sm text-slate-700 dark:text-slate-300">
          <p>
            {operator
              ? "It is managed by the Cluster Network Operator: this removes its entry from spec.additionalNetworks, and the operator then deletes the NAD."
              : "This deletes the NetworkAttachmentDefinition."}
          </p>
          {pods.length ? (
            <p
              data-testid="in-use"
              className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-200"
            >
              In use by {pods.length} pod{pods.length === 1 ? "" : "s"}:{" "}
              <span className="font-mono text-xs">
                {pods.slice(0, SHOWN_PODS).join(", ")}
                {pods.length > SHOWN_PODS ? `, … (${pods.length - SHOWN_PODS} more)` : ""}
              </span>
              . They keep their interfaces until they are re-created; new pods asking for it will not start.
            </p>
          ) : (
            <p data-testid="in-use" className="text-slate-500 dark:text-slate-400">
              No pod uses it.
            </p>
          )}
        </div>
        {error ? (
          <p
            role="alert"
            className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200"
          >
            {error}
          </p>
        ) : null}
        <div className="mt-4 flex justify-end gap-2">
          <button ref={cancelRef} type="button" className={secondaryButton} onClick={onClose}>
            Cancel
          </button>
          <button type="button" className={dangerButton} disabled={remove.isPending} onClick={() => void confirm()}>
            {remove.isPending ? "Deleting…" : "Delete network"}
          </button>
        </div>
      </div>
    </div>
  );
}
