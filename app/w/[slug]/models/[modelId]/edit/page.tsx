import type { Metadata } from "next";
import { EditModel } from "@/components/models/edit-model";

export const metadata: Metadata = { title: "Edit model" };

export default async function EditModelPage({ params }: { params: Promise<{ modelId: string }> }) {
  const { modelId } = await params;
  return <EditModel modelId={modelId} />;
}
