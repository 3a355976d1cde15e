// The e2e suite's server: a fresh database (embedded, or a new database on DATABASE_URL's server) with the
// demo company and a second company for the tenant checks, the mock Sage Intacct, and the built app.
import type { ChildProcess } from "node:child_process";
import { appendFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateEncryptionKey } from "@/lib/crypto/secrets";
import { createDb } from "@/lib/db/client";
import { seedCompany, seedDemo } from "@/prisma/seed";
import { createFreshDatabase, dropDatabase } from "../../scripts/lib/database";
import { startEphemeralServer } from "../../scripts/lib/ephemeral-db";
import { startProcess, stopProcess } from "../../scripts/lib/processes";
import { isConcurrentQueryWarning } from "../helpers/concurrent-queries";
import {
  e2eInfoFile,
  e2eServerProblemsFile,
  FIDELITY_TENANT,
  LINKS_TENANT,
  OTHER_TENANT,
  SYNC_TENANT,
} from "./fixtures";

const root = path.resolve(import.meta.dirname, "../..");
const port = Number(process.env.E2E_PORT ?? 3100);
const mockPort = Number(process.env.E2E_MOCK_PORT ?? 7791);

const server = await startEphemeralServer();
const name = `ib_e2e_${process.pid}`;
const url = await createFreshDatabase(server.adminUrl, name);
const db = createDb(url);
await seedDemo(db);
await seedCompany(db, OTHER_TENANT.company, [{ email: OTHER_TENANT.admin, name: "Nora North", role: "ADMIN" }]);
// The sync suite's own copy of the demo company, so connecting and disconnecting in other suites never races it.
await seedDemo(db, { companyName: SYNC_TENANT.company, emailDomain: SYNC_TENANT.domain });
// The linking suite's copy (links.e2e.ts): it connects, refreshes and links without racing the other suites.
await seedDemo(db, { companyName: LINKS_TENANT.company, emailDomain: LINKS_TENANT.domain });
// The Intacct fidelity suite's copy (fidelity.e2e.ts), connected to the mock's sandbox company.
await seedDemo(db, { companyName: FIDELITY_TENANT.company, emailDomain: FIDELITY_TENANT.domain });
await db.$disconnect();

const { startMockIntacct } = await import("../../tools/mock-intacct/index");
const mock = await startMockIntacct({ port: mockPort, seed: "demo", log: false });

// pg's warning that the app ran two queries at once on one connection (an error in pg 9): said loudly here, and
// the global teardown fails the run on it.
const problemsFile = e2eServerProblemsFile(port);
writeFileSync(problemsFile, "");
function watchAppStderr(line: string): void {
  if (!isConcurrentQueryWarning(line)) return;
  appendFileSync(problemsFile, `${line}\n`);
  console.error(
    "\n[e2e server] THE APP RAN TWO QUERIES AT ONCE ON ONE DATABASE CONNECTION (pg's warning above). " +
      "Look for a Promise.all on a transaction client, or a query inside a transaction that loads sibling relations.\n",
  );
}

const app: ChildProcess = startProcess(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port)], {
  label: "app",
  onStderrLine: watchAppStderr,
  env: {
    DATABASE_URL: url,
    INTACCT_ENDPOINT_URL: mock.endpoint,
    LOG_LEVEL: "error",
    APP_ENCRYPTION_KEY: generateEncryptionKey(),
  },
});

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await stopProcess(app);
  await mock.close();
  await dropDatabase(server.adminUrl, name).catch(() => {});
  await server.stop();
  process.exit(0);
}
// The e2e specs read the database directly (e.g. to prove no plaintext secret is stored).
writeFileSync(e2eInfoFile(port), JSON.stringify({ databaseUrl: url, dataDir: server.dataDir, mockUrl: mock.url }));
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
app.on("exit", () => void stop());
