"use client";

import { useId } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import type { HostLinkOption } from "@/lib/network-form/host-nics";
import { cn } from "../cn";
import { TextField } from "../form/text-field";

/**
 * A host link name (master NIC, host device, bridge): free text, with the links the nodes report offered in a
 * datalist and as chips, and a line saying which nodes have the one typed.
 */
export function HostLinkField({
  name,
  label,
  options,
  observed,
  what,
  missingNote,
  placeholder,
  className,
  moving = false,
}: {
  name: string;
  label: string;
  options: HostLinkOption[];
  /** whether NodeNetworkState reports links at all */
  observed: boolean;
  /** "NIC" or "bridge", for the sentences */
  what: string;
  /** what happens on a node that lacks it */
  missingNote: string;
  placeholder?: string;
  className?: string;
  /** the link leaves the node (host-device): one that carries the node's IP is not offered, and is warned about */
  moving?: boolean;
}) {
  const listId = useId();
  const { setValue } = useFormContext();
  const value = String(useWatch({ name }) ?? "").trim();
  const current = options.find((o) => o.name === value);
  const offered = moving ? options.filter((o) => !o.carriesNodeIp) : options;
  return (
    <div className={className}>
      <TextField
        name={name}
        label={label}
        list={listId}
        placeholder={placeholder}
        hint={
          <Coverage
            value={value}
            option={current}
            observed={observed}
            what={what}
            missingNote={missingNote}
            moving={moving}
          />
        }
      />
      <datalist id={listId}>
        {offered.map((o) => (
          <option key={o.name} value={o.name} label={o.coverage} />
        ))}
      </datalist>
      {offered.length ? (
        <fieldset
          className="mt-1.5 flex min-w-0 flex-wrap items-center gap-1.5"
          aria-label={`${what === "bridge" ? "Bridges" : "NICs"} the nodes report`}
        >
          <span className="text-[11px] text-slate-500 dark:text-slate-400">
            {what === "bridge" ? "Existing bridges:" : "Host NICs:"}
          </span>
          {offered.map((o) => (
            <button
              key={o.name}
              type="button"
              aria-pressed={o.name === value}
              title={o.missing.length ? `missing on ${o.missing.join(", ")}` : `on ${o.nodes.join(", ")}`}
              onClick={() => setValue(name, o.name, { shouldValidate: true, shouldDirty: true })}
              className={cn(
                "rounded-full border px-2 py-0.5 font-mono text-[11px] transition-colors",
                o.name === value
                  ? "border-sky-500 bg-sky-50 text-sky-800 dark:border-sky-400 dark:bg-sky-950 dark:text-sky-200"
                  : "border-slate-300 bg-white text-slate-700 hover:border-slate-400 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-300",
              )}
            >
              {o.label}
              {o.carriesNodeIp ? (
                <span className="ml-1 font-sans text-amber-700 dark:text-amber-400">· node IP</span>
              ) : null}
            </button>
          ))}
        </fieldset>
      ) : null}
    </div>
  );
}

function Coverage({
  value,
  option,
  observed,
  what,
  missingNote,
  moving,
}: {
  value: string;
  option: HostLinkOption | undefined;
  observed: boolean;
  what: string;
  missingNote: string;
  moving: boolean;
}) {
  if (!value) return null;
  if (moving && option?.carriesNodeIp) {
    return (
      <span className="text-amber-700 dark:text-amber-400">
        {value} carries its node&apos;s IP address: moving it into a pod takes the node off that network.
      </span>
    );
  }
  if (!observed) return <span>NodeNetworkState is not installed, so the nodes&apos; {what}s cannot be checked.</span>;
  if (!option) {
    return (
      <span className="text-amber-700 dark:text-amber-400">
        No node reports a {what} named {value}: {missingNote}.
      </span>
    );
  }
  if (option.missing.length === 0)
    return (
      <span className="text-emerald-700 dark:text-emerald-400">
        {value} is {option.coverage}.
      </span>
    );
  return (
    <span className="text-amber-700 dark:text-amber-400">
      {value} is {option.coverage}; missing on {option.missing.join(", ")}: {missingNote}.
    </span>
  );
}
