import type { InterfaceFailure } from "@/lib/contract/schema";
import type { PodEvent } from "@/lib/events/schema";
import { Pill, Section } from "./ui";

const when = (time?: string): string => (time ? time.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC") : "");

/** Why an interface is not up: the parsed cause in one line, the full event text one click away. */
export function FailureBox({ failure }: { failure: InterfaceFailure }) {
  return (
    <div
      className="mb-2 rounded-md border border-red-200 bg-red-50 p-2 text-xs dark:border-red-900 dark:bg-red-950"
      data-testid="interface-failure"
      data-cause={failure.cause}
    >
      <p className="font-semibold text-red-800 dark:text-red-200">{failure.summary}</p>
      <p className="mt-0.5 text-[11px] text-red-700 dark:text-red-300">
        {failure.count > 1 ? `${failure.count} times, ` : ""}
        {failure.time ? `last ${when(failure.time)}` : ""}
        {failure.plugin ? ` · plugin ${failure.plugin}` : ""}
      </p>
      <details className="mt-1">
        <summary className="cursor-pointer text-[11px] text-red-800 dark:text-red-200">Full event text</summary>
        <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-white p-1.5 font-mono text-[11px] text-slate-800 dark:bg-slate-900 dark:text-slate-200">
          {failure.message}
        </pre>
      </details>
    </div>
  );
}

/** The events about an element, newest first, verbatim. */
export function EventsSection({ events }: { events: PodEvent[] | undefined }) {
  if (!events || events.length === 0) return null;
  return (
    <Section title={`Events (${events.length})`}>
      <ul className="space-y-1.5" data-testid="events">
        {events.map((e) => (
          <li key={`${e.reason}|${e.time ?? ""}|${e.message}`} className="text-xs" data-reason={e.reason}>
            <div className="flex flex-wrap items-center gap-1">
              <Pill tone={e.type === "Warning" ? "warn" : "info"}>{e.reason}</Pill>
              {e.count > 1 ? <span className="text-[11px] text-slate-500">×{e.count}</span> : null}
              <span className="text-[11px] text-slate-500">
                {[e.reporter, when(e.time)].filter(Boolean).join(" · ")}
              </span>
            </div>
            <p
              className="mt-0.5 line-clamp-3 break-all font-mono text-[11px] text-slate-700 dark:text-slate-300"
              title={e.message}
            >
              {e.message}
            </p>
          </li>
        ))}
      </ul>
    </Section>
  );
}
