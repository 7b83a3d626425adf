/**
 * next-auth (Auth.js v5): email + password sign-in, and GitHub/Google when their env vars
 * are set. JWT sessions; the session carries only id, name and email.
 */
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { z } from "zod";
import { getDb } from "@/db";
import { normalizeEmail } from "@/db/queries/users";
import { accounts, users, verificationTokens } from "@/db/schema";
import { getEnv } from "@/env";
import { createPersonalWorkspace, verifyCredentials } from "./sign-up";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null };
  }
}

const CredentialsInput = z.object({ email: z.string().trim().pipe(z.email()), password: z.string().min(1) });

async function config(): Promise<NextAuthConfig> {
  const env = getEnv();
  const db = await getDb();
  const oauth = [
    env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET
      ? GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET })
      : null,
    env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET
      ? Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET })
      : null,
  ].filter((provider) => provider !== null);

  const adapter = DrizzleAdapter(db, { usersTable: users, accountsTable: accounts, verificationTokensTable: verificationTokens });
  const createUser = adapter.createUser?.bind(adapter);
  return {
    secret: env.AUTH_SECRET,
    trustHost: true,
    // OAuth users get the same normalized (lower-case) email as password users.
    adapter: createUser ? { ...adapter, createUser: (user) => createUser({ ...user, email: normalizeEmail(user.email) }) } : adapter,
    session: { strategy: "jwt" },
    pages: { signIn: "/login" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        authorize: async (raw) => {
          const input = CredentialsInput.safeParse(raw);
          if (!input.success) return null;
          const user = await verifyCredentials(db, input.data);
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        },
      }),
      ...oauth,
    ],
    callbacks: {
      // Used by proxy.ts: anonymous visitors of app pages go to the sign-in page.
      authorized: ({ auth: session }) => Boolean(session?.user),
      session: ({ session, token }) => ({
        ...session,
        user: { id: token.sub ?? "", email: token.email ?? "", name: token.name ?? null },
      }),
    },
    events: {
      // People who arrive through OAuth get a workspace too (password sign-up makes its own).
      createUser: async ({ user }) => {
        if (user.id) await createPersonalWorkspace(db, { id: user.id, name: user.name ?? null, email: user.email ?? "" });
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(config);

/** Names of the OAuth providers that are configured, for the sign-in page. */
export function oauthProviders(): { id: "github" | "google"; label: string }[] {
  const env = getEnv();
  return [
    ...(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET ? [{ id: "github" as const, label: "GitHub" }] : []),
    ...(env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET ? [{ id: "google" as const, label: "Google" }] : []),
  ];
}
