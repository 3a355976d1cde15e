// npm start: the production server and one worker with one command (`npm run worker` starts more, anywhere).
// Both need DATABASE_URL (and APP_ENCRYPTION_KEY); arguments go to `next start` (e.g. `npm start -- -p 8080`).
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { root } from "./db-url";
import { startProcess, stopProcess } from "./lib/processes";

const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const children: ChildProcess[] = [
  startProcess(bin("next"), ["start", ...process.argv.slice(2)], { label: "app" }),
  startProcess(bin("tsx"), ["--conditions=react-server", path.join(root, "scripts/worker.ts")], { label: "worker" }),
];

let stopping = false;
async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await Promise.all(children.map((child) => stopProcess(child)));
  }
  process.exit(code);
}
for (const child of children)
  child.on("exit", (code) => {
    if (!stopping) {
      console.error(`A process stopped (exit ${code}); stopping the others.`);
      void stopAll(code ?? 1);
    }
  });
process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));
