import type { Metadata } from "next";
import { EditorLink } from "@/components/shell/editor-link";
import { ModelList } from "@/components/models/model-list";
import { UploadButton } from "@/components/models/upload-button";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Models" };

export default function ModelsPage() {
  return (
    <>
      <PageHeader
        title="Models"
        description="The tables and queries from your warehouse that audiences and syncs use."
        actions={
          <div className="flex items-start gap-3">
            <UploadButton />
            <EditorLink to="models/new">New model</EditorLink>
          </div>
        }
      />
      <ModelList />
    </>
  );
}
