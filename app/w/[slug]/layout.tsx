import { notFound, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { Sidebar } from "@/components/shell/sidebar";
import { UserMenu } from "@/components/shell/user-menu";
import { WorkspaceProvider } from "@/components/shell/workspace-context";
import { getDb } from "@/db";
import { listWorkspacesForUser } from "@/db/queries/workspaces";
import { auth } from "@/server/auth";

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const session = await auth();
  if (!session) redirect("/login");
  const workspaces = await listWorkspacesForUser(await getDb(), session.user.id);
  const current = workspaces.find((workspace) => workspace.slug === slug);
  if (!current) notFound();
  return (
    <WorkspaceProvider
      workspace={{ id: current.id, slug: current.slug, name: current.name, role: current.role, userId: session.user.id }}
    >
      <div className="flex min-h-screen">
        <Sidebar workspaces={workspaces.map(({ slug, name }) => ({ slug, name }))} />
        <div className="flex min-w-0 flex-1 flex-col">
          <div className="flex justify-end border-b border-slate-200 bg-white px-8 py-3">
            <UserMenu name={session.user.name ?? null} email={session.user.email} role={current.role} />
          </div>
          <main className="mx-auto w-full max-w-6xl flex-1 px-8 py-8">{children}</main>
        </div>
      </div>
    </WorkspaceProvider>
  );
}
