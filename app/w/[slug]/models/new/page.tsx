import type { Metadata } from "next";
import { ModelEditor } from "@/components/models/model-editor";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "New model" };

export default async function NewModelPage({ searchParams }: { searchParams: Promise<{ sourceId?: string; table?: string }> }) {
  const initial = await searchParams;
  return (
    <>
      <PageHeader title="New model" description="Pick a table or write a query, run it to see the data, then choose its primary key." />
      <ModelEditor initial={initial} />
    </>
  );
}
