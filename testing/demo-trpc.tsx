import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, unstable_localLink } from "@trpc/client";
import type { ReactNode } from "react";
import { TRPCProvider } from "@/components/trpc";
import { type AppRouter, appRouter } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { SourceRegistry } from "@/server/sources/registry";

/**
 * The providers the explorer's hooks run in, with tRPC calling the real router in-process (no HTTP) on the embedded
 * demo cluster: what a hook test renders in, so the hooks meet the same messages the page does.
 */
export function demoProviders(): { wrapper: (props: { children: ReactNode }) => ReactNode; sources: SourceRegistry } {
  const sources = new SourceRegistry({ PLUMBLINE_SOURCE: "demo" });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const trpc = createTRPCClient<AppRouter>({
    links: [unstable_localLink({ router: appRouter, createContext: async () => createInnerContext({ sources }) })],
  });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>
      <TRPCProvider trpcClient={trpc} queryClient={client}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
  return { wrapper, sources };
}
