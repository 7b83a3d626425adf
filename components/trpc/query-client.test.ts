import { QueryObserver } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { makeQueryClient } from "./query-client";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the browser's query client", () => {
  it("shows a change made while a list on screen was still loading for the first time", async () => {
    const queryClient = makeQueryClient();
    let invites = ["ann@example.com"];
    const list = new QueryObserver(queryClient, {
      queryKey: ["invites"],
      queryFn: async () => {
        const read = invites;
        await sleep(100);
        return read;
      },
    });
    const unsubscribe = list.subscribe(() => undefined);
    try {
      await sleep(10);
      // The invite is created while the first load is in flight, and finishes before it.
      const create = queryClient.getMutationCache().build(queryClient, {
        mutationFn: async () => {
          await sleep(20);
          invites = [...invites, "gus@example.com"];
        },
      });
      await create.execute(undefined);
      await sleep(250);
      expect(list.getCurrentResult().data).toEqual(["ann@example.com", "gus@example.com"]);
    } finally {
      unsubscribe();
      queryClient.clear();
    }
  });
});
