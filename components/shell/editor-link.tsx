"use client";

import { Plus } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { useWorkspace } from "./workspace-context";

/** A page's primary "create" action; hidden from viewers, who cannot create anything. */
export function EditorLink({ to, children }: { to: string; children: ReactNode }) {
  const workspace = useWorkspace();
  if (!workspace.can("editor")) return null;
  return (
    <Link
      href={`/w/${workspace.slug}/${to}`}
      className="inline-flex items-center gap-2 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
    >
      <Plus aria-hidden className="size-4" />
      {children}
    </Link>
  );
}
