import { Waves } from "lucide-react";

export function Logo() {
  return (
    <span className="inline-flex items-center gap-2 text-lg font-semibold tracking-tight text-slate-900">
      <span className="rounded-md bg-brand-600 p-1 text-white">
        <Waves aria-hidden className="size-4" />
      </span>
      Sluice
    </span>
  );
}
