"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { ThemeProvider } from "next-themes";
import { type ReactNode, useState } from "react";
import { TRPCProvider } from "@/components/trpc";
import { LIMITS } from "@/lib/http/limits";
import type { AppRouter } from "@/server/api/root";

/** Queries that answer at once whatever the cluster's state, sent alone so no batched query can hold them up. */
const UNBATCHED = new Set(["cluster.firstRead"]);

/** nonce: the page's Content-Security-Policy nonce, for the theme's inline script (it must run before the first paint). */
export function Providers({ nonce, children }: { nonce: string | undefined; children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, refetchOnWindowFocus: false } } }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url: "/api/trpc" }),
          false: splitLink({
            // asked while the cluster is still being read: in a batch it would wait for a query that waits for the read
            condition: (op) => UNBATCHED.has(op.path),
            true: httpLink({ url: "/api/trpc" }),
            // The server refuses bigger batches (maxBatchSize); the link splits instead.
            false: httpBatchLink({ url: "/api/trpc", maxItems: LIMITS.batch }),
          }),
        }),
      ],
    }),
  );
  return (
    <ThemeProvider attribute="class" storageKey="plumbline-theme" defaultTheme="system" enableSystem nonce={nonce}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          {children}
        </TRPCProvider>
      </QueryClientProvider>
    </ThemeProvider>
  );
}
