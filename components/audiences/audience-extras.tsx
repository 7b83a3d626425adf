"use client";

import { useWorkspace } from "@/components/shell/workspace-context";
import type { AudienceDefinition } from "@/server/audiences/definition";
import type { RouterOutputs } from "@/server/api/types";
import type { BuilderData } from "./builder-context";
import { MembersPreview } from "./members-preview";
import { OverlapPanel } from "./overlap-panel";
import { RefinePanel } from "./refine-panel";
import { SplitsEditor } from "./splits-editor";

/** What a saved audience offers below its conditions: exclusions and limit, splits, members, overlap. */
export function AudienceExtras({
  audience,
  data,
  definition,
  setDefinition,
  count,
  splitCounts,
}: {
  audience: RouterOutputs["audience"]["get"];
  data: BuilderData;
  definition: AudienceDefinition;
  setDefinition: (next: AudienceDefinition) => void;
  count: number | null;
  splitCounts: readonly { groupId: string; count: number }[];
}) {
  const workspace = useWorkspace();
  const readOnly = !workspace.can("editor");
  return (
    <>
      <RefinePanel data={data} definition={definition} onChange={setDefinition} readOnly={readOnly} />
      <SplitsEditor definition={definition} onChange={setDefinition} count={count} splitCounts={splitCounts} splitModels={audience.splitModels} readOnly={readOnly} />
      <MembersPreview data={data} definition={definition} audienceId={audience.id} />
      <OverlapPanel data={data} definition={definition} audienceId={audience.id} />
    </>
  );
}
