import type { Metadata } from "next";
import { NewSourceForm } from "@/components/sources/new-source-form";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Add a source" };

export default function NewSourcePage() {
  return (
    <>
      <PageHeader title="Add a source" description="Connect the warehouse your customer data lives in. Sluice only reads from it." />
      <NewSourceForm />
    </>
  );
}
