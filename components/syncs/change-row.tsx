"use client";

import { ChevronRight } from "lucide-react";
import clsx from "clsx";
import { Fragment, useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import type { RouterOutputs } from "@/server/api/types";
import { CHANGE_KIND_LABELS, CHANGE_STATUS_LABELS } from "./change-words";

type Change = RouterOutputs["syncRun"]["changes"][number];

const STATUS_TONES = { accepted: "success", rejected: "danger", parked: "warning" } as const;

/** One logged change; opening it shows the payload sent, as JSON, and the destination's error. */
export function ChangeRow({ change }: { change: Change }) {
  const [open, setOpen] = useState(false);
  const details = useId();
  return (
    <Fragment>
      <tr className={clsx(open && "bg-slate-50")}>
        <td className="py-2 align-top">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={details}
            aria-label={`Details of ${change.key}`}
            onClick={() => setOpen(!open)}
            className="rounded p-0.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
          >
            <ChevronRight aria-hidden className={clsx("size-4 transition-transform", open && "rotate-90")} />
          </button>
        </td>
        <td className="max-w-48 truncate py-2 pr-4 align-top font-mono text-slate-800" title={change.key}>
          {change.key}
        </td>
        <td className="py-2 pr-4 align-top text-slate-700">{CHANGE_KIND_LABELS[change.kind]}</td>
        <td className="py-2 pr-4 align-top text-slate-700">{change.operation}</td>
        <td className="py-2 pr-4 align-top">
          <Badge tone={STATUS_TONES[change.status]}>{CHANGE_STATUS_LABELS[change.status]}</Badge>
        </td>
        <td className="max-w-xs truncate py-2 align-top text-red-700" title={change.error ?? undefined}>
          {change.error}
        </td>
      </tr>
      {open ? (
        <tr id={details} className="bg-slate-50">
          <td />
          <td colSpan={5} className="space-y-2 pr-4 pb-3">
            {change.error ? (
              <p className="text-sm text-red-700">
                <span className="font-medium">The destination answered:</span> {change.error}
              </p>
            ) : null}
            <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">Values sent</p>
            <pre className="max-h-80 overflow-auto rounded-md border border-slate-200 bg-white p-3 font-mono text-xs text-slate-800">
              {JSON.stringify(change.payload, null, 2)}
            </pre>
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}
