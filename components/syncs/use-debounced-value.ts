"use client";

import { useEffect, useState } from "react";

/** `value`, once it has stopped changing for `delayMs` (e.g. a search box, queried as people pause). */
export function useDebouncedValue<T>(value: T, delayMs = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
