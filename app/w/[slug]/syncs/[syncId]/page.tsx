import type { Metadata } from "next";
import { SyncDetail } from "@/components/syncs/sync-detail";

export const metadata: Metadata = { title: "Sync" };

export default async function SyncPage({ params }: { params: Promise<{ syncId: string }> }) {
  const { syncId } = await params;
  return <SyncDetail syncId={syncId} />;
}
