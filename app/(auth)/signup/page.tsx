import type { Metadata } from "next";
import { SignUpForm } from "@/components/auth/signup-form";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { Alert } from "@/components/ui/alert";
import { oauthProviders } from "@/server/auth";
import { loadInvite } from "@/server/auth/load-invite";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  const { invite: token } = await searchParams;
  const loaded = token ? await loadInvite(token) : undefined;
  if (loaded && "problem" in loaded) return <Alert tone="error" title="This invite cannot be used">{loaded.problem}</Alert>;
  const invite = loaded?.invite;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">{invite ? `Join ${invite.workspaceName}` : "Create your account"}</h1>
      <p className="mb-6 text-sm text-slate-600">
        {invite
          ? `You were invited as ${invite.role}. Create your account to join.`
          : "Your workspace comes with a demo warehouse, so you can explore right away."}
      </p>
      <SignUpForm invite={invite && token ? { token, email: invite.email } : undefined} />
      {invite ? null : <OAuthButtons providers={oauthProviders()} callbackUrl="/" />}
    </>
  );
}
