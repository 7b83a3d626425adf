import type { Metadata } from "next";
import { GettingStarted } from "@/components/overview/getting-started";
import { OverviewMetrics } from "@/components/overview/overview-metrics";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Overview" };

export default function OverviewPage() {
  return (
    <>
      <PageHeader title="Overview" description="How your data is flowing to your tools." />
      <div className="space-y-8">
        <GettingStarted />
        <OverviewMetrics />
      </div>
    </>
  );
}
