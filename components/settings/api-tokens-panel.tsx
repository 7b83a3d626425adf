"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { MemberRole } from "@/db/schema/constants";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { SelectField, TextField } from "@/components/ui/field";
import { assignableRoles } from "@/server/auth/roles";
import { CopyField } from "./copy-field";
import { ROLE_LABELS } from "./role-labels";

type TokenRole = Exclude<MemberRole, "owner">;

export function ApiTokensPanel() {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const [name, setName] = useState("");
  const [role, setRole] = useState<TokenRole>("viewer");
  const tokens = useQuery(trpc.apiToken.list.queryOptions({ workspaceId: workspace.id }));
  const create = useMutation(trpc.apiToken.create.mutationOptions());
  const revoke = useMutation(trpc.apiToken.revoke.mutationOptions());
  const roles = assignableRoles(workspace.role).filter((value): value is TokenRole => value !== "owner");

  return (
    <Card>
      <CardHeader
        title="API tokens"
        description="For scripts and pipelines that call the Sluice API. Send the token as: Authorization: Bearer <token>."
      />
      <div className="space-y-4 px-5 py-4">
        <form
          className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate({ workspaceId: workspace.id, name, role }, { onSuccess: () => setName("") });
          }}
        >
          <TextField
            label="Token name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="e.g. dbt Cloud job"
            required
            error={create.error?.message}
          />
          <SelectField
            label="Token role"
            value={role}
            onChange={(event) => setRole(event.target.value as TokenRole)}
            options={roles.map((value) => ({ value, label: ROLE_LABELS[value].name }))}
            hint={ROLE_LABELS[role].description}
          />
          <Button type="submit" pending={create.isPending} className="sm:mt-6">
            Create token
          </Button>
        </form>
        {create.data ? (
          <Alert tone="success" title={`Token “${create.data.apiToken.name}” created`}>
            <p className="mb-2">Copy it now: for your security it will not be shown again.</p>
            <CopyField label="New API token" value={create.data.secret} />
          </Alert>
        ) : null}
        {revoke.error ? <Alert tone="error">{revoke.error.message}</Alert> : null}
        {tokens.data && tokens.data.length > 0 ? (
          <Table
            columns={[{ label: "Name" }, { label: "Role" }, { label: "Last used" }, { label: "Actions", align: "right" }]}
          >
              {tokens.data.map((token) => (
                <tr key={token.id}>
                  <td className="py-2">
                    <p className="font-medium text-slate-900">{token.name}</p>
                    <p className="font-mono text-xs text-slate-500">{token.prefix}…</p>
                  </td>
                  <td className="py-2">{ROLE_LABELS[token.role].name}</td>
                  <td className="py-2 text-slate-600">{token.lastUsedAt ? token.lastUsedAt.toLocaleString() : "Never"}</td>
                  <td className="py-2 text-right">
                    <Button
                      variant="danger"
                      size="sm"
                      aria-label={`Revoke ${token.name}`}
                      onClick={() => revoke.mutate({ workspaceId: workspace.id, tokenId: token.id })}
                    >
                      Revoke
                    </Button>
                  </td>
                </tr>
              ))}
            </Table>
        ) : (
          <p className="text-sm text-slate-500">No tokens yet. Create one for each tool that calls the API, so you can revoke them one by one.</p>
        )}
      </div>
    </Card>
  );
}
