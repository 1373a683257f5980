"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import type { NetworkElement } from "@/lib/contract/schema";
import { dangerButton, secondaryButton } from "../form/styles";
import { useTRPC } from "../trpc";

const SHOWN_PODS = 8;
const FOCUSABLE =
  "button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex='-1'])";

/**
 * A modal dialog makes the page behind it inert, but Chromium lets Tab leave it for the browser's own controls:
 * Tab past the last control comes back to the first, Shift+Tab before the first goes to the last.
 */
function keepTabInside(e: KeyboardEvent<HTMLDialogElement>): void {
  if (e.key !== "Tab") return;
  const controls = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const [first, last] = [controls[0], controls.at(-1)];
  if (!first || !last) return;
  const wrapTo = e.shiftKey
    ? document.activeElement === first
      ? last
      : null
    : document.activeElement === last
      ? first
      : null;
  if (!wrapTo) return;
  e.preventDefault();
  wrapTo.focus();
}

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
  const dialog = useRef<HTMLDialogElement>(null);
  const key = `${net.namespace}/${net.name}`;
  const operator = net.managedBy === "cluster-network-operator";

  // A modal <dialog>: the browser makes the page behind it inert, closes it on Escape and gives focus back to the
  // button that opened it. Every way out goes through close(), whose event tells the owner (no close() on unmount:
  // under Strict Mode's second effect run that would close the dialog just opened).
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
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
      dialog.current?.close();
      onDeleted();
    } catch (e) {
      setError(`The request failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby="delete-title"
      aria-describedby="delete-body"
      onClose={onClose}
      onKeyDown={keepTabInside}
      // a click on the backdrop lands on the dialog itself (its content fills it): it cancels, as Escape does
      onClick={(e) => e.target === e.currentTarget && e.currentTarget.close()}
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="p-5">
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
          {/* the first control: showModal() focuses it, so a stray Enter cancels instead of deleting */}
          <button type="button" className={secondaryButton} onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="button" className={dangerButton} disabled={remove.isPending} onClick={() => void confirm()}>
            {remove.isPending ? "Deleting…" : "Delete network"}
          </button>
        </div>
      </div>
    </dialog>
  );
}
