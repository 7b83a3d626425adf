"use client";

import { Send } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";

/** Start a sync of an audience's model (or one split group's), with the model already chosen. */
export function SyncLink({ modelId, children, small }: { modelId: string; children: ReactNode; small?: boolean }) {
  const workspace = useWorkspace();
  if (!workspace.can("editor")) return null;
  return (
    <Link
      href={`/w/${workspace.slug}/syncs/new?modelId=${modelId}`}
      className={
        small
          ? "inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline"
          : "inline-flex items-center gap-2 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
      }
    >
      <Send aria-hidden className={small ? "size-3.5" : "size-4"} />
      {children}
    </Link>
  );
}
