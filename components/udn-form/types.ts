import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

/** Which of the two kinds the cluster serves: udn.available. */
export type UdnAvailability = inferRouterOutputs<AppRouter>["udn"]["available"];
