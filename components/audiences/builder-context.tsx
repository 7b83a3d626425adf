"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { RouterOutputs } from "@/server/api/types";

export type BuilderData = RouterOutputs["audience"]["builderContext"];
export type RelatedModel = BuilderData["related"][number];
export type ModelColumn = BuilderData["parent"]["columns"][number];

/** What every condition editor needs besides its own node: the models, the problems, who edits. */
export type Builder = {
  data: BuilderData;
  /** The problems of each condition (or filter inside one), by its id. */
  problemsOf: (conditionId: string) => string[];
  canEditSql: boolean;
  readOnly: boolean;
};

const BuilderContext = createContext<Builder | null>(null);

export function BuilderProvider({ builder, children }: { builder: Builder; children: ReactNode }) {
  return <BuilderContext value={builder}>{children}</BuilderContext>;
}

export function useBuilder(): Builder {
  const builder = useContext(BuilderContext);
  if (!builder) throw new Error("useBuilder must be used inside the audience builder");
  return builder;
}
