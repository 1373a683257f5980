"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc";

/** What every network form needs from the server: where writes go, and the topology for pickers and counts. */
export function useFormData(context: string | undefined) {
  const trpc = useTRPC();
  const input = context ? { context } : {};
  const capabilities = useQuery(trpc.networks.capabilities.queryOptions(input));
  const topology = useQuery(trpc.topology.get.queryOptions(input));
  return { capabilities, topology, input };
}
