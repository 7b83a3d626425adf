import { ArrowRightLeft } from "lucide-react";
import type { Metadata } from "next";
import { NextStepLink } from "@/components/shell/next-step-link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Syncs" };

export default function SyncsPage() {
  return (
    <>
      <PageHeader title="Syncs" description="Keep a destination up to date with a model or an audience, on a schedule." />
      <EmptyState icon={ArrowRightLeft} title="No syncs yet" action={<NextStepLink to="destinations">See destinations</NextStepLink>}>
        A sync sends only what changed since its last run, and shows how fresh, complete and successful every run was.
        To create one you need a model or an audience, and a destination to send it to.
      </EmptyState>
    </>
  );
}
