import { TIME_UNITS, type TimeUnit } from "@/server/audiences/definition";
import { InlineSelect, NumberInput } from "./controls";

/** "N days / weeks / months". */
export function RelativeTimeInput({
  label,
  amount,
  unit,
  onChange,
  disabled,
}: {
  label: string;
  amount: number | null;
  unit: TimeUnit;
  onChange: (next: { amount: number | null; unit: TimeUnit }) => void;
  disabled?: boolean;
}) {
  return (
    <>
      <NumberInput label={`${label} amount`} value={amount} disabled={disabled} className="w-20" onChange={(next) => onChange({ amount: next, unit })} />
      <InlineSelect
        label={`${label} unit`}
        value={unit}
        disabled={disabled}
        onChange={(event) => onChange({ amount, unit: event.target.value as TimeUnit })}
        options={TIME_UNITS.map((candidate) => ({ value: candidate, label: candidate }))}
      />
    </>
  );
}
