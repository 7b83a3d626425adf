"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { MemberRole } from "@/db/schema/constants";
import { hasRole } from "@/server/auth/roles";

/** The workspace being viewed, and the signed-in person's id and role in it. */
export type CurrentWorkspace = { id: string; slug: string; name: string; role: MemberRole; userId: string };

const WorkspaceContext = createContext<CurrentWorkspace | null>(null);

export function WorkspaceProvider({ workspace, children }: { workspace: CurrentWorkspace; children: ReactNode }) {
  return <WorkspaceContext value={workspace}>{children}</WorkspaceContext>;
}

/** The workspace of the page being viewed; only valid under /w/[slug]. */
export function useWorkspace(): CurrentWorkspace & { can: (role: MemberRole) => boolean } {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error("useWorkspace must be used inside a workspace page");
  return { ...workspace, can: (role) => hasRole(workspace.role, role) };
}
