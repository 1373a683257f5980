"use client";

import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { useTRPCClient } from "../trpc";
import { graphButton } from "./graph-button";

/** Saves `href` under `filename`, as a click on a download link would. */
export function download(href: string, filename: string): void {
  const a = document.createElement("a");
  a.href = href;
  a.download = filename;
  a.click();
}

/**
 * Exports the whole topology as JSON, the contract `npm run topology` prints: asked from the server at the click,
 * since the page holds only its view (at scale, the cluster's overview without a single pod).
 */
export function ExportJsonButton({ name }: { name: string }) {
  const client = useTRPCClient();
  const context = useSearchParams().get("context") ?? undefined;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const payload = await client.topology.get.query(context ? { context } : {});
      const text = `${JSON.stringify(payload.topology, null, 2)}\n`;
      const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
      download(url, `${name}.json`);
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
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
  );
}
