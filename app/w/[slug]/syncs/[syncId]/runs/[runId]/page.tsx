import type { Metadata } from "next";
import { RunDetail } from "@/components/syncs/run-detail";

export const metadata: Metadata = { title: "Sync run" };

export default async function SyncRunPage({ params }: { params: Promise<{ syncId: string; runId: string }> }) {
  const { syncId, runId } = await params;
  return <RunDetail syncId={syncId} runId={runId} />;
}
