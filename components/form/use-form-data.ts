"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc";

/**
 * What every network form needs from the server: where writes go, and the cluster's networks, hosts, bridges and
 * namespaces for its pickers and checks (not the pods: see topology.forForms).
 */
export function useFormData(context: string | undefined) {
  const trpc = useTRPC();
  const input = context ? { context } : {};
  const capabilities = useQuery(trpc.networks.capabilities.queryOptions(input));
  const topology = useQuery(trpc.topology.forForms.queryOptions(input));
  return { capabilities, topology, input };
}
