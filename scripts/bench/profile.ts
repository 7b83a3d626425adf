/**
 * A short text summary of a V8 CPU profile (.cpuprofile): self time by function and by
 * file, and total time of the project's own functions, so `npm run bench -- --profile <dir>` says where a phase's time went without a viewer.
 */
import fs from "node:fs/promises";
import path from "node:path";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

function shortUrl(url: string): string {
  const file = url.replace(/^file:\/\//, "");
  const modules = file.lastIndexOf("node_modules/");
  if (modules >= 0) return file.slice(modules + "node_modules/".length);
  return path.relative(process.cwd(), file) || file || "(native)";
}

function top(entries: Map<string, number>, count: number, totalMs: number): string[] {
  return [...entries]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => `    ${(ms / 1000).toFixed(2).padStart(7)} s ${((100 * ms) / totalMs).toFixed(1).padStart(5)}%  ${name}`);
}

export async function summarizeProfile(file: string, count = 15): Promise<string> {
  const profile = JSON.parse(await fs.readFile(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  const onStack = new Map<string, number>();
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  let totalMs = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    totalMs += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : "";
    const name = `${functionName || "(anonymous)"} ${where}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    const fileName = url ? shortUrl(url) : functionName;
    byFile.set(fileName, (byFile.get(fileName) ?? 0) + ms);
    // Inclusive: every Sluice function on the sample's stack, each counted once.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame?.url || frame.url.includes("node_modules") || frame.url.startsWith("node:")) continue;
      const key = `${frame.functionName || "(anonymous)"} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      onStack.set(key, (onStack.get(key) ?? 0) + ms);
    }
  });
  return [
    `  profile ${file} (${(totalMs / 1000).toFixed(2)} s of executeRun sampled)`,
    "   self time by function:",
    ...top(byFunction, count, totalMs),
    "   self time by file:",
    ...top(byFile, count, totalMs),
    "   total time of Sluice functions (self and callees):",
    ...top(onStack, count + 10, totalMs),
  ].join("\n");
}
