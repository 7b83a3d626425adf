export const WINDOWS = [7, 30, 90] as const;

/** Which last N days the headline numbers cover. */
export function WindowPicker({ days, onChange }: { days: number; onChange: (days: number) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-600">
      <span>Period</span>
      <select
        value={days}
        onChange={(event) => onChange(Number(event.target.value))}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800"
      >
        {WINDOWS.map((option) => (
          <option key={option} value={option}>
            Last {option} days
          </option>
        ))}
      </select>
    </label>
  );
}
