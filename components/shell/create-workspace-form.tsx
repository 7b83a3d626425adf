"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useTRPC } from "@/components/trpc/client";

export function CreateWorkspaceForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState("");
  const create = useMutation(
    trpc.workspace.create.mutationOptions({ onSuccess: (workspace) => router.push(`/w/${workspace.slug}`) }),
  );
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate({ name });
      }}
    >
      <TextField label="Workspace name" value={name} onChange={(e) => setName(e.target.value)} error={create.error?.message} required />
      <Button type="submit" pending={create.isPending} className="w-full">
        Create workspace
      </Button>
    </form>
  );
}
