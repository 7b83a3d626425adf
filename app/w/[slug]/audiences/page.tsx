import type { Metadata } from "next";
import { AudienceList } from "@/components/audiences/audience-list";
import { EditorLink } from "@/components/shell/editor-link";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Audiences" };

export default function AudiencesPage() {
  return (
    <>
      <PageHeader
        title="Audiences"
        description="Groups of customers you pick by who they are and what they did."
        actions={<EditorLink to="audiences/new">New audience</EditorLink>}
      />
      <AudienceList />
    </>
  );
}
