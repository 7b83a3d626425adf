"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { MEMBER_ROLES, type MemberRole } from "@/db/schema/constants";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Table } from "@/components/ui/table";
import { assignableRoles } from "@/server/auth/roles";
import { ROLE_LABELS } from "./role-labels";

export function MembersPanel() {
  const trpc = useTRPC();
  const workspace = useWorkspace();
  const members = useQuery(trpc.member.list.queryOptions({ workspaceId: workspace.id }));
  const updateRole = useMutation(trpc.member.updateRole.mutationOptions());
  const remove = useMutation(trpc.member.remove.mutationOptions());
  const roles = assignableRoles(workspace.role);
  const error = updateRole.error ?? remove.error;

  return (
    <Card>
      <CardHeader title="Members" description="People who can open this workspace, and what they may do." />
      <div className="space-y-3 px-5 py-4">
        {error ? <Alert tone="error">{error.message}</Alert> : null}
        {members.isError ? <Alert tone="error">{members.error.message}</Alert> : null}
        <Table
          columns={[{ label: "Person" }, { label: "Role" }, ...(roles.length > 0 ? [{ label: "Actions", align: "right" as const }] : [])]}
        >
            {members.data?.map((member) => {
              const isYou = member.userId === workspace.userId;
              const editable = roles.length > 0 && !isYou && (member.role !== "owner" || workspace.role === "owner");
              return (
                <tr key={member.userId}>
                  <td className="py-2">
                    <p className="font-medium text-slate-900">
                      {member.name ?? member.email}
                      {isYou ? <span className="ml-1.5 font-normal text-slate-500">(you)</span> : null}
                    </p>
                    <p className="text-slate-500">{member.email}</p>
                  </td>
                  <td className="py-2">
                    {editable ? (
                      <select
                        aria-label={`Role of ${member.email}`}
                        value={member.role}
                        disabled={updateRole.isPending}
                        onChange={(event) =>
                          updateRole.mutate({
                            workspaceId: workspace.id,
                            userId: member.userId,
                            role: event.target.value as MemberRole,
                          })
                        }
                        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                      >
                        {MEMBER_ROLES.filter((role) => roles.includes(role) || role === member.role).map((role) => (
                          <option key={role} value={role}>
                            {ROLE_LABELS[role].name}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <Badge>{ROLE_LABELS[member.role].name}</Badge>
                    )}
                  </td>
                  {roles.length > 0 ? (
                    <td className="py-2 text-right">
                      {editable ? (
                        <Button
                          variant="ghost"
                          size="sm"
                          aria-label={`Remove ${member.email}`}
                          onClick={() => remove.mutate({ workspaceId: workspace.id, userId: member.userId })}
                        >
                          Remove
                        </Button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </Table>
      </div>
    </Card>
  );
}
