"use client";

import { MutationCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

function httpStatusOf(error: Error): number {
  const data: unknown = error instanceof TRPCClientError ? error.data : undefined;
  const status = typeof data === "object" && data !== null && "httpStatus" in data ? data.httpStatus : undefined;
  return typeof status === "number" ? status : 500;
}

declare module "@tanstack/react-query" {
  interface Register {
    /** `readOnly` mutations (previews, checks) change nothing, so they refresh nothing. */
    mutationMeta: { readOnly?: boolean };
  }
}

function makeQueryClient(): QueryClient {
  // After a change, everything on screen is refetched: simple, and always consistent.
  const queryClient: QueryClient = new QueryClient({
    mutationCache: new MutationCache({
      onSuccess: (_data, _variables, _context, mutation) =>
        mutation.meta?.readOnly ? undefined : queryClient.invalidateQueries(),
    }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // Client errors (not found, forbidden, bad input) will not change on retry.
        retry: (failureCount, error) => failureCount < 2 && httpStatusOf(error) >= 500,
      },
    },
  });
  return queryClient;
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc", transformer: superjson })] }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
