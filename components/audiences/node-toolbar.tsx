"use client";

import { ArrowDown, ArrowUp, Copy, Trash2 } from "lucide-react";
import type { ReactNode } from "react";

/** Move up / down (the keyboard way to reorder), duplicate and delete, for one node of a group. */
export function NodeToolbar({
  what,
  first,
  last,
  onMove,
  onDuplicate,
  onRemove,
}: {
  what: string;
  first: boolean;
  last: boolean;
  onMove: (delta: number) => void;
  onDuplicate: () => void;
  onRemove: () => void;
}) {
  return (
    <div className="flex shrink-0 items-center gap-0.5">
      <ToolButton label={`Move ${what} up`} disabled={first} onClick={() => onMove(-1)}>
        <ArrowUp aria-hidden className="size-4" />
      </ToolButton>
      <ToolButton label={`Move ${what} down`} disabled={last} onClick={() => onMove(1)}>
        <ArrowDown aria-hidden className="size-4" />
      </ToolButton>
      <ToolButton label={`Duplicate ${what}`} onClick={onDuplicate}>
        <Copy aria-hidden className="size-4" />
      </ToolButton>
      <ToolButton label={`Delete ${what}`} onClick={onRemove}>
        <Trash2 aria-hidden className="size-4" />
      </ToolButton>
    </div>
  );
}

function ToolButton({ label, disabled, onClick, children }: { label: string; disabled?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700 disabled:opacity-30 disabled:hover:bg-transparent"
    >
      {children}
    </button>
  );
}
