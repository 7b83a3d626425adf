/** "just now", "5 minutes ago", "3 days ago": how long ago something changed. */
export function timeAgo(then: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - then.getTime()) / 1000));
  if (seconds < 60) return "just now";
  const steps: [number, string][] = [
    [60, "minute"],
    [60 * 60, "hour"],
    [60 * 60 * 24, "day"],
    [60 * 60 * 24 * 30, "month"],
  ];
  let label = "minute";
  let size = 60;
  for (const [stepSize, stepLabel] of steps) if (seconds >= stepSize) [size, label] = [stepSize, stepLabel];
  const amount = Math.floor(seconds / size);
  return `${amount} ${label}${amount === 1 ? "" : "s"} ago`;
}
