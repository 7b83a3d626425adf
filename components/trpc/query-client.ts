import { MutationCache, QueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";

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

/**
 * The browser's query client. After a change, everything on screen is refetched: simple, and
 * always consistent. Queries in flight are cancelled first: a refetch of a query still on its first
 * load would join that load and show what it read before the change (an invite just sent missing
 * from the list of pending invites).
 */
export function makeQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    mutationCache: new MutationCache({
      onSuccess: async (_data, _variables, _context, mutation) => {
        if (mutation.meta?.readOnly) return;
        await queryClient.cancelQueries();
        await queryClient.invalidateQueries();
      },
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
