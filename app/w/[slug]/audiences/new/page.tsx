import type { Metadata } from "next";
import { NewAudience } from "@/components/audiences/new-audience";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "New audience" };

export default function NewAudiencePage() {
  return (
    <>
      <PageHeader title="New audience" description="Pick people by who they are and what they did. Sluice counts them as you build." />
      <NewAudience />
    </>
  );
}
