import type { Metadata } from "next";
import { NewDestinationForm } from "@/components/destinations/new-destination-form";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Add a destination" };

export default function NewDestinationPage() {
  return (
    <>
      <PageHeader title="Add a destination" description="Connect a tool or a database table Sluice will keep up to date." />
      <NewDestinationForm />
    </>
  );
}
