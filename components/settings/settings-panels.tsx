"use client";

import { useWorkspace } from "@/components/shell/workspace-context";
import { Alert } from "@/components/ui/alert";
import { ApiTokensPanel } from "./api-tokens-panel";
import { InvitePanel } from "./invite-panel";
import { MembersPanel } from "./members-panel";
import { WorkspaceNameForm } from "./workspace-name-form";

export function SettingsPanels() {
  const workspace = useWorkspace();
  return (
    <div className="grid gap-6">
      <WorkspaceNameForm />
      <MembersPanel />
      {workspace.can("admin") ? (
        <>
          <InvitePanel />
          <ApiTokensPanel />
        </>
      ) : (
        <Alert tone="info" title="Inviting people and API tokens">
          Only admins and owners can invite people and manage API tokens. Ask one of them if you need either.
        </Alert>
      )}
    </div>
  );
}
