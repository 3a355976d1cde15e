// What a demo leaves behind when it is killed outright (kill -9, a closed terminal): `next start` and the
// embedded PostgreSQL keep running, holding the port and the data directory, and the next demo could not start.
// Each demo writes down the processes it started; the next one stops those whose demo is gone.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { isProcessAlive as isAlive } from "./processes";

type Leftover = { pid: number; what: string; signal: NodeJS.Signals; commandIncludes: string };
type Run = { demoPid: number; processes: Leftover[] };

// A pid can be reused by an unrelated process once ours has ended: stop it only if its command line is ours.
function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}

function readRun(file: string): Run | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Run;
  } catch {
    return undefined;
  }
}

/** Stops what an earlier demo that is no longer running left behind. A demo still running is left alone. */
export async function stopLeftovers(file: string): Promise<void> {
  const run = readRun(file);
  if (!run || isAlive(run.demoPid)) return;
  for (const leftover of run.processes) {
    if (!isAlive(leftover.pid) || !commandOf(leftover.pid).includes(leftover.commandIncludes)) continue;
    console.log(`Stopping ${leftover.what} (pid ${leftover.pid}), left running by a demo that did not stop cleanly…`);
    process.kill(leftover.pid, leftover.signal);
    if (!(await waitForExit(leftover.pid, 15_000))) {
      process.kill(leftover.pid, "SIGKILL");
      await waitForExit(leftover.pid, 5_000);
    }
  }
  rmSync(file, { force: true });
}

/** This demo's record: call `add` for each process it starts, `clear` once it has stopped them all. */
export function recordRun(file: string) {
  const run: Run = { demoPid: process.pid, processes: [] };
  const save = () => writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  save();
  return {
    add(leftover: Leftover) {
      run.processes.unshift(leftover); // stopped in reverse order of starting: the database last
      save();
    },
    clear: () => rmSync(file, { force: true }),
  };
}
