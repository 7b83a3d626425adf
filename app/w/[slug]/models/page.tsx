import { Table2 } from "lucide-react";
import type { Metadata } from "next";
import { NextStepLink } from "@/components/shell/next-step-link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Models" };

export default function ModelsPage() {
  return (
    <>
      <PageHeader title="Models" description="The tables and queries from your warehouse that audiences and syncs use." />
      <EmptyState icon={Table2} title="No models yet" action={<NextStepLink to="sources">Go to sources</NextStepLink>}>
        A model says which rows Sluice reads: a table such as customers, or a SQL query. Each model has a primary key
        so Sluice can tell which rows changed. Models are made from a connected source.
      </EmptyState>
    </>
  );
}
