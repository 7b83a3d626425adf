import type { Metadata } from "next";
import { AudienceDetail } from "@/components/audiences/audience-detail";

export const metadata: Metadata = { title: "Audience" };

export default async function AudiencePage({ params }: { params: Promise<{ audienceId: string }> }) {
  const { audienceId } = await params;
  return <AudienceDetail audienceId={audienceId} />;
}
