import type { Metadata } from "next";
import { EditSync } from "@/components/syncs/edit-sync";

export const metadata: Metadata = { title: "Edit sync" };

export default async function EditSyncPage({ params }: { params: Promise<{ syncId: string }> }) {
  const { syncId } = await params;
  return <EditSync syncId={syncId} />;
}
