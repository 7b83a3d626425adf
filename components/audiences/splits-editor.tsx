"use client";

import { Plus, X } from "lucide-react";
import type { AudienceDefinition, AudienceSplits } from "@/server/audiences/definition";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { InlineInput, NumberInput } from "./controls";
import { SyncLink } from "./sync-link";
import { newId, removeAt, replaceAt } from "./tree";

const DEFAULT_SPLITS = (): AudienceSplits => ({
  seed: "",
  groups: [
    { id: newId("s"), name: "Treatment", percent: 90, holdout: false },
    { id: newId("s"), name: "Holdout", percent: 10, holdout: true },
  ],
});

/**
 * Split the members into groups by percentage (one may be the holdout, which no sync should
 * reach). Each saved group is a model of its own, so it gets its own "Sync" link.
 */
export function SplitsEditor({
  definition,
  onChange,
  count,
  splitCounts,
  splitModels,
  readOnly,
}: {
  definition: AudienceDefinition;
  onChange: (next: AudienceDefinition) => void;
  count: number | null;
  /** Exact sizes from the last estimate; until it answers, count × percent. */
  splitCounts: readonly { groupId: string; count: number }[];
  splitModels: { groupId: string; modelId: string }[];
  readOnly: boolean;
}) {
  const splits = definition.splits;
  const set = (next: AudienceSplits | null) => onChange({ ...definition, splits: next });
  const total = splits?.groups.reduce((sum, group) => sum + (group.percent ?? 0), 0) ?? 0;
  return (
    <Card>
      <CardHeader
        title="Splits"
        description="Divide the members into stable groups, e.g. 90% treatment and a 10% holdout to measure the lift."
        actions={
          readOnly ? null : (
            <Button variant="secondary" size="sm" onClick={() => set(splits ? null : DEFAULT_SPLITS())}>
              {splits ? "Remove splits" : "Split this audience"}
            </Button>
          )
        }
      />
      {splits ? (
        <div className="space-y-3 px-5 py-4">
          <ul className="space-y-2">
            {splits.groups.map((group, index) => {
              const exact = splitCounts.find((split) => split.groupId === group.id)?.count;
              const size = exact ?? (count !== null && group.percent !== null ? Math.round((count * group.percent) / 100) : null);
              const saved = splitModels.find((split) => split.groupId === group.id);
              return (
                <li key={group.id} role="group" aria-label={`Split group ${index + 1}`} className="flex flex-wrap items-center gap-2">
                  <InlineInput label="Group name" value={group.name} disabled={readOnly} className="w-40" onChange={(event) => set({ ...splits, groups: replaceAt(splits.groups, index, { ...group, name: event.target.value }) })} />
                  <NumberInput label="Percent" value={group.percent} disabled={readOnly} className="w-20" onChange={(percent) => set({ ...splits, groups: replaceAt(splits.groups, index, { ...group, percent }) })} />
                  <span className="text-sm text-slate-500">%</span>
                  <label className="flex items-center gap-1.5 text-sm text-slate-700">
                    <input
                      type="radio"
                      name="holdout"
                      checked={group.holdout}
                      disabled={readOnly}
                      onChange={() => set({ ...splits, groups: splits.groups.map((other) => ({ ...other, holdout: other.id === group.id })) })}
                    />
                    Holdout
                  </label>
                  <span className="w-28 text-sm text-slate-600 tabular-nums">{size === null ? "" : `${exact === undefined ? "≈ " : ""}${size.toLocaleString("en-US")} people`}</span>
                  {saved && !group.holdout ? (
                    <SyncLink small modelId={saved.modelId}>
                      Sync {group.name}
                    </SyncLink>
                  ) : null}
                  {readOnly || splits.groups.length <= 2 ? null : (
                    <button type="button" aria-label={`Remove ${group.name}`} className="p-1 text-slate-400 hover:text-slate-700" onClick={() => set({ ...splits, groups: removeAt(splits.groups, index) })}>
                      <X aria-hidden className="size-4" />
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
          <div className="flex items-center gap-3">
            {readOnly ? null : (
              <Button
                variant="ghost"
                size="sm"
                onClick={() => set({ ...splits, groups: [...splits.groups, { id: newId("s"), name: `Group ${splits.groups.length + 1}`, percent: 0, holdout: false }] })}
              >
                <Plus aria-hidden className="size-3.5" />
                Add group
              </Button>
            )}
            <span className={total === 100 ? "text-sm text-slate-500" : "text-sm text-red-700"}>Total {total}%</span>
          </div>
          <p className="text-xs text-slate-500">Save the audience to sync a group: each group becomes a model of its own.</p>
        </div>
      ) : null}
    </Card>
  );
}
