import type { Metadata } from "next";
import { SyncForm } from "@/components/syncs/sync-form";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "New sync" };

export default function NewSyncPage() {
  return (
    <>
      <PageHeader title="New sync" description="Choose a model and a destination, map the fields, and decide when it runs." />
      <SyncForm />
    </>
  );
}
