import { Send } from "lucide-react";
import type { Metadata } from "next";
import { NextStepLink } from "@/components/shell/next-step-link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Destinations" };

export default function DestinationsPage() {
  return (
    <>
      <PageHeader title="Destinations" description="The tools your teams work in: CRMs, email, ads and support." />
      <EmptyState icon={Send} title="No destinations yet" action={<NextStepLink to="sources">Start with your data</NextStepLink>}>
        A destination is an account in a tool such as HubSpot, Salesforce, Braze or a webhook of your own. Its
        credentials are stored encrypted and are never shown again after you save them.
      </EmptyState>
    </>
  );
}
