/**
 * Runs a measured phase in a process of its own, so that its peak RSS is the phase's alone: the
 * script reports its measurement over IPC as its last message, and its stdout goes to our stderr
 * (our stdout carries only the JSON lines).
 */
import { spawn } from "node:child_process";
import type { Scope } from "./scope";

/** Resolves with the last message the script sent, once it exits with code 0. */
export async function measureInChild(script: string, args: string[], scope: Scope): Promise<unknown> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { stdio: ["ignore", 2, "inherit", "ipc"] });
  const running = scope.defer(`stop the phase process ${child.pid ?? "?"}`, () => child.kill());
  try {
    return await new Promise<unknown>((resolve, reject) => {
      let measurement: unknown;
      child.on("message", (message) => {
        measurement = message;
      });
      child.on("error", reject);
      child.on("exit", (code, signal) => {
        if (measurement !== undefined && code === 0) resolve(measurement);
        else reject(new Error(`The phase process ${script} ${args.join(" ")} ${signal ? `was killed (${signal})` : `exited with code ${code}`} without a measurement.`));
      });
    });
  } finally {
    running.forget();
  }
}
