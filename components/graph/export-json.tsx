"use client";

import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { createPortal } from "react-dom";
import { endsWhole } from "@/lib/topology/format-json";
import { graphButton } from "./graph-button";

/** Saves `href` under `filename`, as a click on a download link would. */
export function download(href: string, filename: string): void {
  const a = document.createElement("a");
  a.href = href;
  a.download = filename;
  a.click();
}

/** The route that streams the whole topology (server/topology-export.ts). */
export function exportUrl(name: string, context: string | undefined): string {
  const q = new URLSearchParams({ name, ...(context ? { context } : {}) });
  return `/api/export/topology?${q}`;
}

/**
 * The export's bytes, whole, or an error saying why not: a refusal's reason, a connection lost, or a body that
 * ended before the document did (a server error after the headers cuts the stream off without its last bytes).
 */
export async function fetchExport(url: string): Promise<Blob> {
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok || !res.body) {
    const reason = await res.json().then(
      (b: { error?: string }) => b.error,
      () => undefined,
    );
    throw new Error(reason ?? `HTTP ${res.status}`);
  }
  const parts: Uint8Array<ArrayBuffer>[] = [];
  const reader = res.body.getReader();
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      bytes += value.byteLength;
    }
  } catch (e) {
    throw new Error(
      `the connection broke after ${bytes.toLocaleString("en")} bytes (${e instanceof Error ? e.message : String(e)}); nothing saved`,
    );
  }
  if (!endsWhole(parts))
    throw new Error(
      `the download stopped after ${bytes.toLocaleString("en")} bytes, before the file's end; nothing saved`,
    );
  return new Blob(parts, { type: "application/json" });
}

/**
 * Exports the whole topology as JSON, the contract `npm run topology` prints: asked from the server at the click,
 * since the page holds only its view (at scale, the cluster's overview without a single pod). The server streams
 * it; the file is saved only once it has come whole, so a download cut short never looks like a whole one: the
 * button says the export failed, and why.
 */
export function ExportJsonButton({ name }: { name: string }) {
  const context = useSearchParams().get("context") ?? undefined;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const url = URL.createObjectURL(await fetchExport(exportUrl(name, context)));
      download(url, `${name}.json`);
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className={graphButton}
        disabled={busy}
        onClick={() => void save()}
        title={error ? `Export failed: ${error}` : "The whole topology, as `npm run topology` prints it"}
        aria-busy={busy}
      >
        {busy ? "JSON…" : "JSON"}
      </button>
      {error
        ? createPortal(
            // A toast at the window's corner, not in the toolbar: the reason is what the user acts on (sign in again,
            // retry, a proxy's limit), so it is shown rather than left to a tooltip; the toolbar sits in places that
            // wrap or clip (the matrix's header, the canvas's corner), and the toast is whole in each.
            <span
              role="alert"
              title={error}
              className="fixed bottom-4 right-4 z-50 flex w-80 items-start gap-2 rounded border border-red-300 bg-red-50 p-3 text-xs text-red-800 shadow-md dark:border-red-800 dark:bg-red-950 dark:text-red-200"
            >
              <span className="min-w-0 flex-1">
                <span className="block font-semibold">JSON export failed</span>
                <span className="block break-words">{error}</span>
              </span>
              <button
                type="button"
                aria-label="Dismiss"
                className="rounded px-1 leading-none hover:bg-red-100 dark:hover:bg-red-900"
                onClick={() => setError(null)}
              >
                ×
              </button>
            </span>,
            // on the body: a transformed ancestor (the canvas's viewport) would make `fixed` relative to itself
            document.body,
          )
        : null}
    </>
  );
}
