"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";

/**
 * Refetches everything on screen when `key` changes from one known value to another (null: not
 * known yet, still loading). Pages key it on their runs (one started, one ended), so run history,
 * refused records and metrics show a run's outcome without a reload.
 */
export function useRefreshWhen(key: string | null): void {
  const queryClient = useQueryClient();
  const seen = useRef(key);
  useEffect(() => {
    if (key === null || seen.current === key) return;
    const changed = seen.current !== null;
    seen.current = key;
    if (changed) void queryClient.invalidateQueries();
  }, [key, queryClient]);
}
