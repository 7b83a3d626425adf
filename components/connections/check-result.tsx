import { Alert } from "@/components/ui/alert";

export type CheckResult = { ok: true } | { ok: false; code: string; message: string };

/** The outcome of "Test connection", in words. */
export function CheckResultAlert({ result, noun }: { result: CheckResult | undefined; noun: "source" | "destination" }) {
  if (!result) return null;
  return result.ok ? (
    <Alert tone="success">
      {noun === "source" ? "Connected. Sluice can read from this source." : "Connected. Sluice can send to this destination."}
    </Alert>
  ) : (
    <Alert tone="error" title="Could not connect">
      {result.message}
    </Alert>
  );
}
