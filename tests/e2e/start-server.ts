// The e2e suite's server: a fresh database (embedded, or a new database on DATABASE_URL's server) with the
// demo company and a second company for the tenant checks, the mock Sage Intacct, and the built app.
import type { ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { generateEncryptionKey } from "@/lib/crypto/secrets";
import { createDb } from "@/lib/db/client";
import { seedCompany, seedDemo } from "@/prisma/seed";
import { createFreshDatabase, dropDatabase } from "../../scripts/lib/database";
import { startEphemeralServer } from "../../scripts/lib/ephemeral-db";
import { startProcess, stopProcess } from "../../scripts/lib/processes";
import { BULK_TENANT, e2eInfoFile, LINKS_TENANT, OTHER_TENANT, SYNC_TENANT } from "./fixtures";

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
// The Accounting sync suite's copy (accounting-sync.e2e.ts), sending to the mock's sandbox company.
await seedDemo(db, { companyName: BULK_TENANT.company, emailDomain: BULK_TENANT.domain });
await db.$disconnect();

const { startMockIntacct } = await import("../../tools/mock-intacct/index");
const mock = await startMockIntacct({ port: mockPort, seed: "demo", log: false });

// The app and the worker read the same stored credentials.
const encryptionKey = generateEncryptionKey();
const app: ChildProcess = startProcess(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port)], {
  label: "app",
  env: {
    DATABASE_URL: url,
    INTACCT_ENDPOINT_URL: mock.endpoint,
    LOG_LEVEL: "error",
    APP_ENCRYPTION_KEY: encryptionKey,
  },
});

// One worker runs the sync and refresh jobs, as `npm start` does.
const worker: ChildProcess = startProcess(
  path.join(root, "node_modules/.bin/tsx"),
  [path.join(root, "scripts/worker.ts")],
  {
    label: "worker",
    env: {
      DATABASE_URL: url,
      INTACCT_ENDPOINT_URL: mock.endpoint,
      LOG_LEVEL: "error",
      JOB_POLLING_SECONDS: "0.5",
      APP_ENCRYPTION_KEY: encryptionKey,
    },
  },
);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await stopProcess(app);
  await stopProcess(worker);
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
