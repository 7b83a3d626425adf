import clsx from "clsx";
import type { InputHTMLAttributes, SelectHTMLAttributes } from "react";

/** The compact, unlabelled-looking (but labelled for screen readers) controls of a condition row. */
const base =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-xs focus:border-brand-500 focus:ring-1 focus:ring-brand-500 focus:outline-none disabled:bg-slate-50";

export function InlineSelect({
  label,
  options,
  className,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; options: readonly { value: string; label: string }[] }) {
  return (
    <select aria-label={label} className={clsx(base, className)} {...select}>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

export function InlineInput({ label, className, ...input }: InputHTMLAttributes<HTMLInputElement> & { label: string }) {
  return <input aria-label={label} className={clsx(base, className)} {...input} />;
}

/** A number input holding `number | null` (empty is null). */
export function NumberInput({
  label,
  value,
  onChange,
  className,
  disabled,
}: {
  label: string;
  value: number | string | null | undefined;
  onChange: (value: number | null) => void;
  className?: string;
  disabled?: boolean;
}) {
  return (
    <InlineInput
      label={label}
      type="number"
      inputMode="decimal"
      disabled={disabled}
      className={clsx("w-28", className)}
      value={value ?? ""}
      onChange={(event) => onChange(event.target.value === "" ? null : Number(event.target.value))}
    />
  );
}
