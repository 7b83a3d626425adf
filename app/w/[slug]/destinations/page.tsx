import type { Metadata } from "next";
import { DestinationList } from "@/components/destinations/destination-list";
import { EditorLink } from "@/components/shell/editor-link";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Destinations" };

export default function DestinationsPage() {
  return (
    <>
      <PageHeader
        title="Destinations"
        description="The tools your teams work in: CRMs, email, ads and support."
        actions={<EditorLink to="destinations/new">Add destination</EditorLink>}
      />
      <DestinationList />
    </>
  );
}
