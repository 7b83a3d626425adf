"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { signUp, type FormState } from "@/server/auth/actions";

export function SignUpForm({ invite }: { invite?: { token: string; email: string } }) {
  const [state, action, pending] = useActionState<FormState, FormData>(signUp, {});
  const loginHref = invite ? `/login?callbackUrl=${encodeURIComponent(`/invite/${invite.token}`)}` : "/login";
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {invite ? <input type="hidden" name="inviteToken" value={invite.token} /> : null}
      <TextField
        label="Your name"
        name="name"
        autoComplete="name"
        required
        defaultValue={state.values?.name}
        error={state.fieldErrors?.name}
      />
      <TextField
        label="Work email"
        name="email"
        type="email"
        autoComplete="email"
        required
        readOnly={Boolean(invite)}
        defaultValue={invite?.email ?? state.values?.email}
        error={state.fieldErrors?.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters. A phrase of unrelated words works well."
        error={state.fieldErrors?.password}
      />
      <Button type="submit" pending={pending} className="w-full">
        {pending ? "Creating your account…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href={loginHref} className="font-medium text-brand-700 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
