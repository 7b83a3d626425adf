"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { INVITE_TTL_DAYS, type MemberRole } from "@/db/schema/constants";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { assignableRoles } from "@/server/auth/roles";
import { CopyField } from "./copy-field";
import { ROLE_LABELS } from "./role-labels";

export function InvitePanel() {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<MemberRole>("editor");
  const invites = useQuery(trpc.invite.list.queryOptions({ workspaceId: workspace.id }));
  const create = useMutation(trpc.invite.create.mutationOptions());
  const revoke = useMutation(trpc.invite.revoke.mutationOptions());
  const fieldError = create.error?.data?.fieldErrors?.email?.[0];

  return (
    <Card>
      <CardHeader title="Invite people" description={`Invites expire after ${INVITE_TTL_DAYS} days and work once.`} />
      <div className="space-y-4 px-5 py-4">
        <form
          className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate({ workspaceId: workspace.id, email, role }, { onSuccess: () => setEmail("") });
          }}
        >
          <TextField
            label="Email"
            type="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            placeholder="teammate@company.com"
            required
            error={fieldError ?? (create.error && !fieldError ? create.error.message : null)}
          />
          <SelectField
            label="Role"
            value={role}
            onChange={(event) => setRole(event.target.value as MemberRole)}
            options={assignableRoles(workspace.role).map((value) => ({ value, label: ROLE_LABELS[value].name }))}
            hint={ROLE_LABELS[role].description}
          />
          <Button type="submit" pending={create.isPending} className="sm:mt-6">
            Send invite
          </Button>
        </form>
        {create.data ? (
          create.data.inviteUrl ? (
            <Alert tone="success" title={`Invite created for ${create.data.invite.email}`}>
              <p className="mb-2">No mail server is configured, so share this link with them yourself:</p>
              <CopyField label="Invite link" value={create.data.inviteUrl} />
            </Alert>
          ) : (
            <Alert tone="success">We emailed an invite to {create.data.invite.email}.</Alert>
          )
        ) : null}
        {invites.data && invites.data.length > 0 ? (
          <div>
            <h3 className="mb-2 text-sm font-medium text-slate-700">Pending invites</h3>
            <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
              {invites.data.map((invite) => (
                <li key={invite.id} className="flex items-center justify-between px-3 py-2 text-sm">
                  <span>
                    {invite.email} · {ROLE_LABELS[invite.role].name}
                    <span className="text-slate-500"> · expires {invite.expiresAt.toLocaleDateString()}</span>
                  </span>
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Withdraw invite for ${invite.email}`}
                    onClick={() => revoke.mutate({ workspaceId: workspace.id, inviteId: invite.id })}
                  >
                    Withdraw
                  </Button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
