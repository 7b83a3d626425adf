import { Users } from "lucide-react";
import type { Metadata } from "next";
import { NextStepLink } from "@/components/shell/next-step-link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Audiences" };

export default function AudiencesPage() {
  return (
    <>
      <PageHeader title="Audiences" description="Groups of customers you pick by who they are and what they did." />
      <EmptyState icon={Users} title="No audiences yet" action={<NextStepLink to="sources">Explore the demo warehouse</NextStepLink>}>
        An audience is built by clicking, not by writing SQL: for example, customers in the US who ordered twice in the
        last 90 days. Audiences are built on your sources, so start by looking at the data your Demo warehouse holds.
      </EmptyState>
    </>
  );
}
