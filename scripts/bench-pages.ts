// npm run bench:pages: server time of the Accounting sync page and the item lists with a large company (20
// projects, 10,000 approved items). Seeds a fresh database, starts the built app (`next build` first) and times
// complete responses on localhost (server render + transfer), 30 requests per page after 3 warm-ups.
// Prints a table and, last, one JSON line: {"pages": [{"path", "p95Ms"}, …]}.
import path from "node:path";
import { createSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import { generateEncryptionKey } from "@/lib/crypto/secrets";
import { createDb } from "@/lib/db/client";
import { seedDemo } from "@/prisma/seed";
import { root } from "./db-url";
import { createFreshDatabase, dropDatabase } from "./lib/database";
import { startEphemeralServer } from "./lib/ephemeral-db";
import { findFreePort } from "./lib/free-port";
import { startProcess, stopProcess, waitForHttp } from "./lib/processes";

const PROJECTS = 20;
const ITEMS = 10_000;
const RUNS = 30;

const server = await startEphemeralServer();
const name = `ib_bench_pages_${process.pid}`;
const url = await createFreshDatabase(server.adminUrl, name);
const db = createDb(url);
const { companyId } = await seedDemo(db);
const pm = await db.user.findFirstOrThrow({ where: { companyId, role: "PROJECT_MANAGER" } });
const vendor = await db.accountingCompany.findFirstOrThrow({ where: { companyId } });
const costCode = await db.costCode.findFirstOrThrow({ where: { companyId } });

// 20 projects; per project 400 approved contracts (one line each) and 100 approved invoices: 10,000 items.
const seeded = Date.now();
await db.$executeRaw`
  INSERT INTO "Project" (id, "companyId", number, name, "createdAt")
  SELECT gen_random_uuid(), ${companyId}::uuid, 'B-' || lpad(p::text, 3, '0'), 'Bench project ' || p, now()
  FROM generate_series(1, ${PROJECTS}) p`;
const perProject = ITEMS / PROJECTS;
const contractsPerProject = (perProject * 4) / 5;
await db.$executeRaw`
  INSERT INTO "Contract" (id, "companyId", "projectId", "accountingCompanyId", number, title, "startDate", status,
                          "createdById", "submittedById", "submittedAt", "decidedById", "decidedAt", "createdAt", "updatedAt")
  SELECT gen_random_uuid(), ${companyId}::uuid, pr.id, ${vendor.id}::uuid, pr.number || '-SC-' || c, 'Bench contract ' || c,
         '2026-01-01', 'APPROVED', ${pm.id}::uuid, ${pm.id}::uuid, now(), ${pm.id}::uuid, now() - (c || ' minutes')::interval, now(), now()
  FROM "Project" pr, generate_series(1, ${contractsPerProject}) c
  WHERE pr."companyId" = ${companyId}::uuid AND pr.number LIKE 'B-%'`;
await db.$executeRaw`
  INSERT INTO "ContractLine" (id, "contractId", "lineNo", "costCodeId", description, "amountCents")
  SELECT gen_random_uuid(), c.id, 1, ${costCode.id}::uuid, 'Line', 100000
  FROM "Contract" c WHERE c."companyId" = ${companyId}::uuid AND c.number LIKE 'B-%'`;
await db.$executeRaw`
  INSERT INTO "Invoice" (id, "companyId", "contractId", number, "invoiceDate", "dueDate", status,
                         "createdById", "submittedById", "submittedAt", "decidedById", "decidedAt", "createdAt", "updatedAt")
  SELECT gen_random_uuid(), ${companyId}::uuid, c.id, 'INV-1', '2026-02-01', '2026-03-01', 'APPROVED',
         ${pm.id}::uuid, ${pm.id}::uuid, now(), ${pm.id}::uuid, now(), now(), now()
  FROM (SELECT c.id, row_number() OVER (PARTITION BY c."projectId" ORDER BY c.number) AS n
          FROM "Contract" c WHERE c."companyId" = ${companyId}::uuid AND c.number LIKE 'B-%') c
  WHERE c.n <= ${perProject - contractsPerProject}`;
await db.$executeRaw`
  INSERT INTO "InvoiceLine" (id, "invoiceId", "lineNo", "contractLineId", description, "amountCents")
  SELECT gen_random_uuid(), i.id, 1, l.id, 'Line', 1000
  FROM "Invoice" i JOIN "ContractLine" l ON l."contractId" = i."contractId"
  WHERE i."companyId" = ${companyId}::uuid AND i.number = 'INV-1' AND l.description = 'Line'`;
await db.$executeRawUnsafe(`ANALYZE`);
const seedMs = Date.now() - seeded;
const project = await db.project.findFirstOrThrow({ where: { companyId, number: "B-001" } });
const { token } = await createSession(db, pm.id);
await db.$disconnect();

const port = await findFreePort();
const app = startProcess(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port)], {
  label: "app",
  quiet: true,
  env: { DATABASE_URL: url, LOG_LEVEL: "error", APP_ENCRYPTION_KEY: generateEncryptionKey(), NODE_ENV: "production" },
});
const rows: { path: string; p50Ms: number; p95Ms: number; maxMs: number }[] = [];
try {
  await waitForHttp(`http://localhost:${port}/login`, 60_000);
  const pages = [
    "/accounting-sync",
    "/accounting-sync?state=ALL&page=200",
    `/accounting-sync?project=${project.id}&type=INVOICE&state=ALL`,
    "/accounting-sync?q=B-007-SC-12&state=ALL",
    `/projects/${project.id}/contracts`,
    `/projects/${project.id}/contracts?page=10`,
    `/projects/${project.id}/invoices`,
  ];
  for (const page of pages) {
    const times: number[] = [];
    for (let i = 0; i < RUNS + 3; i++) {
      const started = performance.now();
      const response = await fetch(`http://localhost:${port}${page}`, {
        headers: { cookie: `${SESSION_COOKIE}=${token}` },
        redirect: "manual",
      });
      await response.text();
      if (response.status !== 200) throw new Error(`${page}: HTTP ${response.status}`);
      if (i >= 3) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]!);
    rows.push({ path: page, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: Math.round(times[times.length - 1]!) });
  }
} finally {
  await stopProcess(app);
  await dropDatabase(server.adminUrl, name).catch(() => undefined);
  await server.stop();
}
console.table(rows);
console.log(JSON.stringify({ projects: PROJECTS, items: ITEMS, seedMs, pages: rows }));
process.exit(0);
