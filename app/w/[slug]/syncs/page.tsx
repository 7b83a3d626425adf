import type { Metadata } from "next";
import { EditorLink } from "@/components/shell/editor-link";
import { SyncList } from "@/components/syncs/sync-list";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Syncs" };

export default function SyncsPage() {
  return (
    <>
      <PageHeader
        title="Syncs"
        description="Keep a destination up to date with a model or an audience, on a schedule."
        actions={<EditorLink to="syncs/new">New sync</EditorLink>}
      />
      <SyncList />
    </>
  );
}
