import type { Metadata } from "next";
import { LoginForm } from "@/components/auth/login-form";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { oauthProviders } from "@/server/auth";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl = "/" } = await searchParams;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Sign in</h1>
      <p className="mb-6 text-sm text-slate-600">Welcome back. Your audiences and syncs are waiting.</p>
      <LoginForm callbackUrl={callbackUrl} signUpHref="/signup" />
      <OAuthButtons providers={oauthProviders()} callbackUrl={callbackUrl} />
    </>
  );
}
