import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInviteForm } from "@/components/auth/accept-invite-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { auth } from "@/server/auth";
import { signOutAction } from "@/server/auth/actions";
import { loadInvite } from "@/server/auth/load-invite";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const loaded = await loadInvite(token);
  if ("problem" in loaded) return <Alert tone="error" title="This invite cannot be used">{loaded.problem}</Alert>;
  const { invite } = loaded;
  const session = await auth();
  const here = `/invite/${token}`;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Join {invite.workspaceName}</h1>
      <p className="mb-6 text-sm text-slate-600">
        You were invited as <strong>{invite.role}</strong> with {invite.email}.
      </p>
      {!session ? (
        <div className="space-y-2">
          <Link
            href={`/signup?invite=${encodeURIComponent(token)}`}
            className="block rounded-md bg-brand-600 px-4 py-2 text-center text-sm font-medium text-white hover:bg-brand-700"
          >
            Create your account
          </Link>
          <Link
            href={`/login?callbackUrl=${encodeURIComponent(here)}`}
            className="block rounded-md border border-slate-300 px-4 py-2 text-center text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            I already have an account
          </Link>
        </div>
      ) : session.user.email === invite.email ? (
        <AcceptInviteForm token={token} workspaceName={invite.workspaceName} />
      ) : (
        <div className="space-y-4">
          <Alert tone="info">
            You are signed in as {session.user.email}. Sign out, then sign in or sign up as {invite.email} to accept.
          </Alert>
          <form action={signOutAction}>
            <Button type="submit" variant="secondary" className="w-full">
              Sign out
            </Button>
          </form>
        </div>
      )}
    </>
  );
}
