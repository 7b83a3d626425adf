"use client";

import clsx from "clsx";
import { SelectField, TextField } from "@/components/ui/field";
import type { SyncSchedule } from "@/db/schema";

/** The schedule being edited: every kind's settings are kept, so switching back and forth loses nothing. */
export type ScheduleDraft = { kind: SyncSchedule["kind"]; minutes: number; expression: string; timezone: string };

const INTERVALS = [5, 10, 15, 30, 60, 120, 180, 360, 720, 1440];
const KINDS: { kind: SyncSchedule["kind"]; label: string }[] = [
  { kind: "manual", label: "Manually" },
  { kind: "interval", label: "On an interval" },
  { kind: "cron", label: "Cron schedule" },
];

function intervalLabel(minutes: number): string {
  if (minutes % 60 !== 0) return `Every ${minutes} minutes`;
  const hours = minutes / 60;
  return hours === 1 ? "Every hour" : `Every ${hours} hours`;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function timeZones(current: string): string[] {
  const zones = new Set(["UTC", ...Intl.supportedValuesOf("timeZone")]);
  if (current) zones.add(current);
  return [...zones].sort();
}

export function draftOf(schedule: SyncSchedule | undefined): ScheduleDraft {
  return {
    kind: schedule?.kind ?? "manual",
    minutes: schedule?.kind === "interval" ? schedule.minutes : 60,
    expression: schedule?.kind === "cron" ? schedule.expression : "0 6 * * *",
    timezone: schedule?.kind === "cron" ? schedule.timezone : "",
  };
}

export function scheduleOf(draft: ScheduleDraft): SyncSchedule {
  if (draft.kind === "interval") return { kind: "interval", minutes: draft.minutes };
  if (draft.kind === "cron") return { kind: "cron", expression: draft.expression, timezone: draft.timezone || browserTimeZone() };
  return { kind: "manual" };
}

export function ScheduleField({ value, onChange, error }: { value: ScheduleDraft; onChange: (draft: ScheduleDraft) => void; error?: string | null }) {
  const intervals = INTERVALS.includes(value.minutes) ? INTERVALS : [...INTERVALS, value.minutes].sort((a, b) => a - b);
  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Runs</legend>
        <div className="mt-1 inline-flex rounded-md border border-slate-300 p-0.5">
          {KINDS.map((option) => (
            <label
              key={option.kind}
              className={clsx(
                "relative cursor-pointer rounded px-3 py-1.5 text-sm font-medium focus-within:ring-2 focus-within:ring-brand-500",
                value.kind === option.kind ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-50",
              )}
            >
              <input
                type="radio"
                name="schedule-kind"
                className="absolute inset-0 size-full cursor-pointer opacity-0"
                checked={value.kind === option.kind}
                onChange={() => onChange({ ...value, kind: option.kind, timezone: value.timezone || browserTimeZone() })}
              />
              {option.label}
            </label>
          ))}
        </div>
      </fieldset>
      {value.kind === "manual" ? (
        <p className="text-sm text-slate-500">The sync runs only when someone presses Run now (or calls the API).</p>
      ) : value.kind === "interval" ? (
        <div className="max-w-xs">
          <SelectField
            label="How often"
            value={String(value.minutes)}
            onChange={(event) => onChange({ ...value, minutes: Number(event.target.value) })}
            options={intervals.map((minutes) => ({ value: String(minutes), label: intervalLabel(minutes) }))}
          />
        </div>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Cron expression"
            value={value.expression}
            onChange={(event) => onChange({ ...value, expression: event.target.value })}
            className="font-mono"
            hint={
              <>
                Minute, hour, day of month, month, day of week: <code className="font-mono">0 6 * * 1-5</code> runs at 6:00 every weekday.
              </>
            }
          />
          <SelectField
            label="Time zone"
            value={value.timezone}
            onChange={(event) => onChange({ ...value, timezone: event.target.value })}
            options={timeZones(value.timezone).map((zone) => ({ value: zone, label: zone.replaceAll("_", " ") }))}
          />
        </div>
      )}
      {error ? <p className="text-sm text-red-700">{error}</p> : null}
    </div>
  );
}
