// The e2e suite's server: a fresh database (embedded, or a new database on DATABASE_URL's server) with the
// demo company and a second company for the tenant checks, the mock Sage Intacct, and the built app.
import type { ChildProcess } from "node:child_process";
import { appendFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateEncryptionKey } from "@/lib/crypto/secrets";
import { createDb } from "@/lib/db/client";
import { seedCompany, seedDemo } from "@/prisma/seed";
import { createFreshDatabase, dropDatabase } from "../../scripts/lib/database";
import { startEphemeralServer } from "../../scripts/lib/ephemeral-db";
import { findFreePort } from "../../scripts/lib/free-port";
import { startProcess, stopProcess } from "../../scripts/lib/processes";
import { isConcurrentQueryWarning } from "../helpers/concurrent-queries";
import {
  BULK_TENANT,
  e2eInfoFile,
  e2eServerProblemsFile,
  FINISH_TENANT,
  FIDELITY_TENANT,
  INTACCT_DEMO,
  LINKS_TENANT,
  OTHER_TENANT,
  REVIEW_TENANT,
  POLISH_TENANT,
  READBACK_MOCK_COMPANY,
  READBACK_TENANT,
  SYNC_TENANT,
} from "./fixtures";
import { startRecordingProxy } from "./recording-proxy";

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
// linking-finish.e2e.ts: imports vendors, creates records in Intacct and adds project tasks on its own copy.
await seedDemo(db, { companyName: FINISH_TENANT.company, emailDomain: FINISH_TENANT.domain });
// The Intacct fidelity suite's copy (fidelity.e2e.ts), connected to the mock's sandbox company.
await seedDemo(db, { companyName: FIDELITY_TENANT.company, emailDomain: FIDELITY_TENANT.domain });
// The Accounting sync suite's copy (accounting-sync.e2e.ts), sending to the mock's sandbox company.
await seedDemo(db, { companyName: BULK_TENANT.company, emailDomain: BULK_TENANT.domain });
// The accounting review suite's copy (accounting-review.e2e.ts): it turns the review gate on for its company only.
await seedDemo(db, { companyName: REVIEW_TENANT.company, emailDomain: REVIEW_TENANT.domain });
// The polish suite's copy (polish.e2e.ts): keyboard-only connect, link and sync; layouts at two screen sizes.
await seedDemo(db, { companyName: POLISH_TENANT.company, emailDomain: POLISH_TENANT.domain });
// The read-back suite's copy (readback.e2e.ts), connected to a mock company of its own (added below).
await seedDemo(db, { companyName: READBACK_TENANT.company, emailDomain: READBACK_TENANT.domain });
await db.$disconnect();

const { startMockIntacct } = await import("../../tools/mock-intacct/index");
const mock = await startMockIntacct({ port: mockPort, seed: "demo", log: false });
// The read-back suite approves, pays, changes and deletes documents as an accountant would: in a fresh copy of the
// sandbox company (same vendors, projects and tasks), so no other suite ever reads what it changed.
{
  const { buildSeedState } = await import("../../tools/mock-intacct/seed");
  const { DEMO_SANDBOX_COMPANY_ID } = await import("../../tools/mock-intacct/index");
  const copy = buildSeedState("demo").companies.get(DEMO_SANDBOX_COMPANY_ID.toLowerCase());
  if (!copy) throw new Error("the mock's seed has no sandbox company to copy");
  mock.state.companies.set(READBACK_MOCK_COMPANY.toLowerCase(), { ...copy, companyId: READBACK_MOCK_COMPANY });
}
// Every Intacct session id the mock issues during the run: the secrets scan looks for each of them.
const issuedSessionIds: string[] = [];
const sessionIdsFile = path.join(tmpdir(), `ib-e2e-${port}-intacct-sessions.json`);
writeFileSync(sessionIdsFile, "[]");
const createSession = mock.sessions.create.bind(mock.sessions);
mock.sessions.create = (...args) => {
  const session = createSession(...args);
  issuedSessionIds.push(session.sessionId);
  writeFileSync(sessionIdsFile, JSON.stringify(issuedSessionIds));
  return session;
};

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

// The app listens behind a proxy that reads every response for secrets (tests/e2e/secrets.e2e.ts).
const appPort = await findFreePort();
const appLog = path.join(tmpdir(), `ib-e2e-${port}-app.log`);
rmSync(appLog, { force: true });
// The app and the worker read the same stored credentials.
const encryptionKey = generateEncryptionKey();
const app: ChildProcess = startProcess(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(appPort)], {
  label: "app",
  onStderrLine: watchAppStderr,
  // The app's log, as in the demo: JSON lines at info level, kept in a file the secrets scan reads.
  stdoutFile: appLog,
  env: {
    // The suite runs with React's server condition (its specs load server-only modules); Next sets its own.
    NODE_OPTIONS: "",
    DATABASE_URL: url,
    INTACCT_ENDPOINT_URL: mock.endpoint,
    LOG_LEVEL: "info",
    APP_ENCRYPTION_KEY: encryptionKey,
  },
});
const recorder = await startRecordingProxy({
  port,
  targetPort: appPort,
  secrets: () =>
    new Map([
      ["Intacct sender password", INTACCT_DEMO.senderPassword],
      ["Intacct user password", INTACCT_DEMO.userPassword],
      ...issuedSessionIds.map((id, i): [string, string] => [`Intacct session id #${i + 1}`, id]),
    ]),
});

// One worker runs the sync and refresh jobs, as `npm start` does.
const worker: ChildProcess = startProcess(
  path.join(root, "node_modules/.bin/tsx"),
  ["--conditions=react-server", path.join(root, "scripts/worker.ts")],
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
  recorder.close();
  await stopProcess(app);
  await stopProcess(worker);
  await mock.close();
  await dropDatabase(server.adminUrl, name).catch(() => {});
  await server.stop();
  process.exit(0);
}
// The e2e specs read the database directly (e.g. to prove no plaintext secret is stored).
writeFileSync(
  e2eInfoFile(port),
  JSON.stringify({ databaseUrl: url, dataDir: server.dataDir, mockUrl: mock.url, appLog, sessionIdsFile }),
);
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
app.on("exit", () => void stop());
