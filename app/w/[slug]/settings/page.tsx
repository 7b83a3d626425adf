import type { Metadata } from "next";
import { SettingsPanels } from "@/components/settings/settings-panels";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="Your workspace, its members and API access." />
      <SettingsPanels />
    </>
  );
}
