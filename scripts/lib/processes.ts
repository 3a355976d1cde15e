import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";

type StartOptions = {
  env?: Record<string, string>;
  label: string;
  /** Drop the child's stdout (stderr still shows). */
  quiet?: boolean;
  /** Append the child's stdout to this file instead (the app's structured logs: kept, but off the console). */
  stdoutFile?: string;
  /** Give the child a stdin pipe that closes when this process ends, however it ends (see --exit-with-parent). */
  stdinPipe?: boolean;
  /** Called with each line the child writes to stderr, which still shows as it comes. */
  onStderrLine?: (line: string) => void;
};

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Child processes the scripts start; all are stopped, in reverse order, when the script stops.
export function startProcess(command: string, args: string[], options: StartOptions): ChildProcess {
  let stdout: "ignore" | "inherit" | number = options.quiet ? "ignore" : "inherit";
  if (options.stdoutFile) {
    mkdirSync(path.dirname(options.stdoutFile), { recursive: true });
    stdout = openSync(options.stdoutFile, "a");
  }
  const child = spawn(command, args, {
    env: { ...process.env, ...options.env },
    stdio: [options.stdinPipe ? "pipe" : "ignore", stdout, options.onStderrLine ? "pipe" : "inherit"],
  });
  if (options.onStderrLine) watchLines(child, options.onStderrLine);
  // The child holds its own copy of the descriptor.
  if (typeof stdout === "number") closeSync(stdout);
  child.on("error", (error) => console.error(`[${options.label}] failed to start: ${error.message}`));
  return child;
}

function watchLines(child: ChildProcess, onLine: (line: string) => void): void {
  let pending = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    process.stderr.write(chunk);
    const lines = (pending + chunk).split("\n");
    pending = lines.pop() ?? "";
    lines.forEach(onLine);
  });
  child.stderr?.on("end", () => {
    if (pending) onLine(pending);
  });
}

export function stopProcess(child: ChildProcess | undefined, timeoutMs = 10_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

export function runToCompletion(command: string, args: string[], env?: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code ?? signal}`)),
    );
  });
}
