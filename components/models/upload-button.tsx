"use client";

import { useMutation } from "@tanstack/react-query";
import { Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return btoa(binary);
}

/** Uploads a CSV or Parquet file, then opens the model editor on the new table. */
export function UploadButton() {
  const trpc = useTRPC();
  const router = useRouter();
  const workspace = useWorkspace();
  const input = useRef<HTMLInputElement>(null);
  const upload = useMutation(
    trpc.model.upload.mutationOptions({
      onSuccess: ({ sourceId, table }) =>
        router.push(`/w/${workspace.slug}/models/new?sourceId=${sourceId}&table=${encodeURIComponent(table)}`),
    }),
  );
  if (!workspace.can("editor")) return null;
  return (
    <div className="flex flex-col items-end gap-2">
      <label className="inline-flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-within:outline-2 focus-within:outline-brand-500">
        <Upload aria-hidden className="size-4" />
        {upload.isPending ? "Uploading…" : "Upload CSV or Parquet"}
        <input
          ref={input}
          type="file"
          accept=".csv,.parquet,text/csv"
          className="sr-only"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (!file) return;
            const format = file.name.toLowerCase().endsWith(".parquet") ? "parquet" : "csv";
            upload.mutate({ workspaceId: workspace.id, fileName: file.name, format, contentBase64: await toBase64(file) });
            if (input.current) input.current.value = "";
          }}
        />
      </label>
      {upload.error ? <Alert tone="error">{upload.error.message}</Alert> : null}
    </div>
  );
}
