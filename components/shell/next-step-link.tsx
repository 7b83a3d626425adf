"use client";

import { ArrowRight } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { useWorkspace } from "./workspace-context";

/** The call to action of an empty state: a link to another page of this workspace. */
export function NextStepLink({ to, children }: { to: string; children: ReactNode }) {
  const { slug } = useWorkspace();
  return (
    <Link
      href={`/w/${slug}/${to}`}
      className="inline-flex items-center gap-2 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
    >
      {children}
      <ArrowRight aria-hidden className="size-4" />
    </Link>
  );
}
