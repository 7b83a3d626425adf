import { redirect } from "next/navigation";
import { CreateWorkspaceForm } from "@/components/shell/create-workspace-form";
import { Logo } from "@/components/shell/logo";
import { getDb } from "@/db";
import { listWorkspacesForUser } from "@/db/queries/workspaces";
import { auth } from "@/server/auth";

/** Opens the first workspace; someone who belongs to none is asked to create one. */
export default async function Home() {
  const session = await auth();
  if (!session) redirect("/login");
  const [first] = await listWorkspacesForUser(await getDb(), session.user.id);
  if (first) redirect(`/w/${first.slug}`);
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4">
      <Logo />
      <div className="mt-8 w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold">Create a workspace</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">
          You are not a member of any workspace. Create one, or ask a teammate to invite you.
        </p>
        <CreateWorkspaceForm />
      </div>
    </main>
  );
}
