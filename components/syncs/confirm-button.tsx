"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";

/**
 * A button that asks first: it opens a modal dialog saying what will happen, and only "confirm"
 * goes ahead. The browser's modal dialog keeps focus inside it and closes on Escape.
 */
export function ConfirmButton({
  label,
  variant = "secondary",
  title,
  children,
  confirmLabel,
  onConfirm,
  pending,
  disabled,
}: {
  label: string;
  variant?: ButtonProps["variant"];
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  pending?: boolean;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
    if (!open && dialog.current?.open) dialog.current.close();
  }, [open]);
  return (
    <>
      <Button variant={variant} pending={pending} disabled={disabled} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onClose={() => setOpen(false)}
        className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-0 shadow-lg backdrop:bg-slate-900/40"
      >
        <div className="px-5 py-4">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          <div className="mt-2 space-y-2 text-sm text-slate-600">{children}</div>
        </div>
        <div className="flex justify-end gap-3 border-t border-slate-100 px-5 py-3">
          <Button variant="secondary" autoFocus onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            variant={variant === "danger" ? "danger" : "primary"}
            onClick={() => {
              setOpen(false);
              onConfirm();
            }}
          >
            {confirmLabel}
          </Button>
        </div>
      </dialog>
    </>
  );
}
