"use server";
/** Server actions behind the sign-in, sign-up, sign-out and invite forms. */
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { ConflictError, ForbiddenError, InvalidRequestError, NotFoundError } from "@/db/errors";
import { acceptInvite } from "@/db/queries/invites";
import { auth, signIn, signOut } from "./index";
import { signUpWithPassword } from "./sign-up";

export type FormState = {
  error?: string;
  fieldErrors?: Partial<Record<"name" | "email" | "password", string>>;
  values?: { name?: string; email?: string };
};

function formText(form: FormData, key: string): string {
  const value = form.get(key);
  return typeof value === "string" ? value : "";
}

/** Only same-site paths may be redirected to after sign-in. */
function safePath(candidate: FormDataEntryValue | null, fallback: string): string {
  return typeof candidate === "string" && candidate.startsWith("/") && !candidate.startsWith("//")
    ? candidate
    : fallback;
}

export async function signInWithPassword(_previous: FormState, form: FormData): Promise<FormState> {
  const email = formText(form, "email");
  try {
    await signIn("credentials", {
      email,
      password: formText(form, "password"),
      redirectTo: safePath(form.get("callbackUrl"), "/"),
    });
  } catch (error) {
    // Deliberately the same words for an unknown email and a wrong password.
    if (error instanceof AuthError) return { error: "Email or password is incorrect.", values: { email } };
    throw error;
  }
  return {};
}

const SignUpInput = z.object({
  name: z.string().trim().min(1, "Tell us your name.").max(100),
  email: z.string().trim().pipe(z.email("Enter a valid email address.")),
  password: z.string().min(1, "Choose a password."),
  inviteToken: z.string().optional(),
});

export async function signUp(_previous: FormState, form: FormData): Promise<FormState> {
  const values = { name: formText(form, "name"), email: formText(form, "email") };
  const inviteToken = formText(form, "inviteToken");
  const parsed = SignUpInput.safeParse({
    ...values,
    password: formText(form, "password"),
    inviteToken: inviteToken || undefined,
  });
  if (!parsed.success) {
    const fields = z.flattenError(parsed.error).fieldErrors;
    return { values, fieldErrors: { name: fields.name?.[0], email: fields.email?.[0], password: fields.password?.[0] } };
  }
  let workspaceSlug: string;
  try {
    ({ workspaceSlug } = await signUpWithPassword(await getDb(), parsed.data));
  } catch (error) {
    if (error instanceof ConflictError || error instanceof ForbiddenError) {
      return { values, fieldErrors: { email: error.message } };
    }
    if (error instanceof InvalidRequestError && !parsed.data.inviteToken) {
      return { values, fieldErrors: { password: error.message } };
    }
    if (error instanceof InvalidRequestError || error instanceof NotFoundError) return { values, error: error.message };
    throw error;
  }
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: `/w/${workspaceSlug}` });
  return {};
}

export async function signInWithOAuth(form: FormData): Promise<void> {
  const provider = form.get("provider");
  if (provider !== "github" && provider !== "google") throw new Error("Unknown sign-in provider");
  await signIn(provider, { redirectTo: safePath(form.get("callbackUrl"), "/") });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}

export async function acceptInviteAction(_previous: FormState, form: FormData): Promise<FormState> {
  const session = await auth();
  if (!session) redirect("/login");
  let slug: string;
  try {
    const invite = await acceptInvite(await getDb(), {
      token: formText(form, "token"),
      userId: session.user.id,
      userEmail: session.user.email,
    });
    slug = invite.workspaceSlug;
  } catch (error) {
    if (error instanceof InvalidRequestError || error instanceof ForbiddenError || error instanceof NotFoundError) {
      return { error: error.message };
    }
    throw error;
  }
  redirect(`/w/${slug}`);
}
