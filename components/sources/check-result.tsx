import { Alert } from "@/components/ui/alert";

export type CheckResult = { ok: true } | { ok: false; code: string; message: string };

/** The outcome of "Test connection", in words. */
export function CheckResultAlert({ result }: { result: CheckResult | undefined }) {
  if (!result) return null;
  return result.ok ? (
    <Alert tone="success">Connected. Sluice can read from this source.</Alert>
  ) : (
    <Alert tone="error" title="Could not connect">
      {result.message}
    </Alert>
  );
}
