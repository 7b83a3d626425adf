import type { Metadata } from "next";
import { DestinationDetail } from "@/components/destinations/destination-detail";

export const metadata: Metadata = { title: "Destination" };

export default async function DestinationPage({ params }: { params: Promise<{ destinationId: string }> }) {
  const { destinationId } = await params;
  return <DestinationDetail destinationId={destinationId} />;
}
