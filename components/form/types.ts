import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>;

/** Where writes go for the open cluster: networks.capabilities. */
export type Capabilities = Outputs["networks"]["capabilities"];
/** What a save, remove or attach answers. */
export type WriteOutcome = Outputs["networks"]["save"];
export type Workload = Outputs["networks"]["workloads"][number];
