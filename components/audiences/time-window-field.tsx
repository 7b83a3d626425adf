import type { TimeWindow } from "@/server/audiences/definition";
import { InlineInput, InlineSelect } from "./controls";
import { RelativeTimeInput } from "./relative-time-input";

const KINDS = [
  { value: "any", label: "any time" },
  { value: "last", label: "in the last" },
  { value: "between", label: "between" },
] as const;

/** When the related rows count: any time, in the last N units, or between two days. */
export function TimeWindowField({ value, onChange, disabled }: { value: TimeWindow; onChange: (next: TimeWindow) => void; disabled?: boolean }) {
  return (
    <>
      <InlineSelect
        label="When"
        value={value.kind}
        disabled={disabled}
        options={KINDS}
        onChange={(event) => {
          const kind = event.target.value as TimeWindow["kind"];
          onChange(kind === "any" ? { kind } : kind === "last" ? { kind, amount: 30, unit: "days" } : { kind, from: null, to: null });
        }}
      />
      {value.kind === "last" ? (
        <RelativeTimeInput label="Window" amount={value.amount} unit={value.unit} disabled={disabled} onChange={(next) => onChange({ kind: "last", ...next })} />
      ) : null}
      {value.kind === "between" ? (
        <>
          <InlineInput label="From day" type="date" disabled={disabled} value={value.from ?? ""} onChange={(event) => onChange({ ...value, from: event.target.value || null })} />
          <span className="text-sm text-slate-500">and</span>
          <InlineInput label="To day" type="date" disabled={disabled} value={value.to ?? ""} onChange={(event) => onChange({ ...value, to: event.target.value || null })} />
        </>
      ) : null}
    </>
  );
}
