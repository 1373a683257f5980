"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { type FirstRead, firstReadHeadline, listCells, listLine } from "@/lib/wire/first-read";
import { cn } from "../cn";
import { useTRPC } from "../trpc";

/** How often the page asks while its first picture has not come: often enough to see the counts move. */
const POLL_MS = 700;

/**
 * What stands in for the picture until its first view comes: how far the server's first read of the cluster is
 * (each List's items so far, then the hosts checked), asked of the server every POLL_MS. At 150,000 pods this is most
 * of a minute; a plain "Reading the cluster…" would not say whether anything moves. Counts only: a List does not say
 * its length before its end, so nothing is shown as a share of a total that is not known.
 */
export function FirstReadProgress({ context }: { context: string | undefined }) {
  const trpc = useTRPC();
  const read = useQuery({
    ...trpc.cluster.firstRead.queryOptions(context ? { context } : {}),
    refetchInterval: POLL_MS,
  });
  return <FirstReadPanel read={read.data ?? null} />;
}

/** The panel itself, from what the server said (null: nothing said yet). */
export function FirstReadPanel({ read }: { read: FirstRead | null }) {
  const seconds = useSeconds();
  const lists = read?.lists ?? [];
  return (
    <div className="grid h-full place-items-center p-6" data-testid="first-read" aria-busy="true">
      <div className="max-w-md text-sm text-slate-600 dark:text-slate-300">
        <p role="status" className="font-medium text-slate-800 dark:text-slate-100">
          {read ? firstReadHeadline(read) : "Reading the cluster…"}
        </p>
        {lists.length > 0 && (
          <table className="mt-3 text-xs" data-testid="first-read-lists">
            <caption className="sr-only">Each List read so far</caption>
            <tbody>
              {lists.map((l) => {
                const c = listCells(l);
                return (
                  <tr
                    key={`${l.resource}/${l.namespace ?? ""}`}
                    aria-label={listLine(l)}
                    className={cn(l.state === "reading" ? "text-slate-800 dark:text-slate-100" : "text-slate-500")}
                  >
                    <td className="pr-4 font-mono">{c.what}</td>
                    <td className="pr-3 text-right font-mono tabular-nums">{c.items}</td>
                    <td className={cn(l.state === "read" && "text-emerald-700 dark:text-emerald-400")}>{c.state}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <p className="mt-3 text-xs text-slate-500">
          Counts so far: a List says how long it is only at its end.
          {seconds >= 3 ? ` Waiting for ${seconds} s.` : ""}
        </p>
      </div>
    </div>
  );
}

/** Whole seconds since the panel was first drawn, ticking. */
function useSeconds(): number {
  const [start] = useState(() => Date.now());
  const [now, setNow] = useState(start);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return Math.floor((now - start) / 1000);
}
