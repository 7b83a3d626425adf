"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";

export function WorkspaceNameForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const workspace = useWorkspace();
  const [name, setName] = useState(workspace.name);
  const rename = useMutation(trpc.workspace.update.mutationOptions({ onSuccess: () => router.refresh() }));
  const canEdit = workspace.can("admin");
  return (
    <Card>
      <CardHeader title="Workspace" description="The name everyone in this workspace sees." />
      <form
        className="flex flex-wrap items-end gap-4 px-5 py-4"
        onSubmit={(event) => {
          event.preventDefault();
          rename.mutate({ workspaceId: workspace.id, name });
        }}
      >
        <div className="min-w-64 flex-1">
          <TextField
            label="Workspace name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            readOnly={!canEdit}
            error={rename.error?.message}
          />
        </div>
        {canEdit ? (
          <Button type="submit" variant="secondary" pending={rename.isPending} disabled={name === workspace.name}>
            Save
          </Button>
        ) : null}
      </form>
      {rename.isSuccess ? (
        <div className="px-5 pb-4">
          <Alert tone="success">Saved.</Alert>
        </div>
      ) : null}
    </Card>
  );
}
