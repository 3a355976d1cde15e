// Fails the e2e run when the server saw the app print a problem that no page shows (see start-server.ts).
import { existsSync, readFileSync } from "node:fs";
import { e2eServerProblemsFile } from "./fixtures";

export default function checkServerOutput(): void {
  const file = e2eServerProblemsFile(Number(process.env.E2E_PORT ?? 3100));
  const problems = existsSync(file) ? readFileSync(file, "utf8").trim() : "";
  if (problems) throw new Error(`The app printed, during the e2e run:\n${problems}`);
}
