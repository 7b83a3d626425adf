import type { Metadata } from "next";
import { EditorLink } from "@/components/shell/editor-link";
import { SourceList } from "@/components/sources/source-list";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Sources" };

export default function SourcesPage() {
  return (
    <>
      <PageHeader
        title="Sources"
        description="Where your customer data lives. Sluice reads from sources and never writes to them."
        actions={<EditorLink to="sources/new">Add source</EditorLink>}
      />
      <SourceList />
    </>
  );
}
