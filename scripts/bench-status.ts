/**
 * npm run bench:status — the status check on 5,000 synced purchase orders, 50 of them changed in Intacct since the
 * last check, the mock Intacct at 150 ms latency and 2 requests in flight per company:
 *
 *   (1) nothing changed: requests per company (the requirement: ≤ 2; ours: 1);
 *   (2) 50 changed: ours vs the round-trip floor of the reads the changes need — the probe, then the changed
 *       documents (100 per function, 100 functions per request, 2 requests in flight) — and the database work.
 *
 * The 5,000 documents go straight into the mock's store (syncing them through the gateway would only measure the
 * sync), each with its SyncRecord as a sync leaves it; the 50 changes go through the accountant, as in the app.
 * The mock runs in this process (its store is filled directly), so its CPU counts against us. Prints a table, then
 * one JSON object with every figure as the last line. Env: BENCH_LATENCY_MS (150), BENCH_DOCUMENTS (5000),
 * BENCH_CHANGED (50).
 */
import { randomUUID } from "node:crypto";
import { generateEncryptionKey } from "@/lib/crypto/secrets";
import { createDb } from "@/lib/db/client";
import { closeIntacctConnections } from "@/lib/intacct";
import { connectIntacct } from "@/lib/integrations/sage-intacct/service";
import { runStatusCheck } from "@/lib/sync/status-check";
import { seedCompany } from "@/prisma/seed";
import { DEMO_CREDENTIALS, startMockIntacct } from "../tools/mock-intacct/index";
import { createFreshDatabase, dropDatabase } from "./lib/database";
import { startEphemeralServer } from "./lib/ephemeral-db";

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 150);
const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 5000);
const CHANGED = Number(process.env.BENCH_CHANGED ?? 50);
const CONCURRENCY = 2;
const KEYS_PER_FUNCTION = 100;
const FUNCTIONS_PER_REQUEST = 100;
const VENDOR_ID = "V-1001";

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const pad = (n: number) => String(n).padStart(2, "0");
/** The mock's clock text ('mm/dd/yyyy HH:MM:SS', UTC). */
const stamp = (d: Date) =>
  `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

async function main() {
  process.env.APP_ENCRYPTION_KEY ??= generateEncryptionKey();
  const server = await startEphemeralServer();
  const name = `ib_bench_status_${process.pid}`;
  const url = await createFreshDatabase(server.adminUrl, name);
  // The per-company request slots live in this database, as in production.
  process.env.DATABASE_URL = url;
  const db = createDb(url);
  const mock = await startMockIntacct({ port: 0, seed: "demo", latencyMs: LATENCY_MS, log: false });
  process.env.INTACCT_ENDPOINT_URL = mock.endpoint;
  try {
    const company = await seedCompany(db, "Bench Construction", [
      { email: `bench-${process.pid}@bench.test`, name: "Bench", role: "ADMIN" },
    ]);
    const admin = await db.user.findFirstOrThrow({ where: { companyId: company.id } });
    const connected = await connectIntacct(
      db,
      { id: admin.id, email: admin.email, name: admin.name, role: admin.role, companyId: company.id, companyName: "" },
      {
        companyId: DEMO_CREDENTIALS.companyId,
        senderId: DEMO_CREDENTIALS.senderId,
        senderPassword: DEMO_CREDENTIALS.senderPassword,
        userId: DEMO_CREDENTIALS.userId,
        userPassword: DEMO_CREDENTIALS.userPassword,
      },
    );
    if (!connected.ok) throw new Error(`connect failed: ${connected.failure.title}`);

    // ── our side: 5,000 approved contracts of two lines, each synced as a Purchase Order ──
    const seedStarted = performance.now();
    const project = await db.project.create({ data: { companyId: company.id, number: "P-B", name: "Bench" } });
    const vendor = await db.accountingCompany.create({
      data: { companyId: company.id, name: "Bench Vendor", intacctVendorId: VENDOR_ID },
    });
    const costCode = await db.costCode.create({ data: { companyId: company.id, code: "01-0000", name: "General" } });
    const long = new Date(Date.now() - 2 * 3_600_000);
    const syncedAt = new Date(Date.now() - 60_000);
    const mockCompany = mock.state.companies.get(DEMO_CREDENTIALS.companyId.toLowerCase());
    if (!mockCompany) throw new Error("mock company missing");
    const t = mockCompany.tables;
    const contracts: object[] = [];
    const lines: object[] = [];
    const records: object[] = [];
    const docIds: string[] = [];
    for (let i = 0; i < DOCUMENTS; i++) {
      const number = `BS-${String(i + 1).padStart(5, "0")}`;
      const docId = `Purchase Order-${number}`;
      const contractId = randomUUID();
      const lineIds = [randomUUID(), randomUUID()];
      const amounts = [60_000_00 + i, 40_000_00];
      const header = t.PODOCUMENT.insert({
        DOCID: docId,
        DOCNO: number,
        DOCPARID: "Purchase Order",
        STATE: "Pending",
        WHENCREATED: "06/01/2026",
        VENDORID: VENDOR_ID,
        VENDORNAME: "Bench Vendor",
        PONUMBER: number,
        SUBTOTAL: ((amounts[0]! + amounts[1]!) / 100).toFixed(2),
        TOTAL: ((amounts[0]! + amounts[1]!) / 100).toFixed(2),
        PRRECORDKEY: "",
        BASECURR: "USD",
        CURRENCY: "USD",
        AUWHENCREATED: stamp(long),
        WHENMODIFIED: stamp(long),
      });
      const entryKeys = amounts.map((amount, line) => {
        const entry = t.PODOCUMENTENTRY.insert({
          DOCHDRNO: header.RECORDNO ?? "",
          DOCHDRID: docId,
          DOCPARID: "Purchase Order",
          LINE_NO: String(line),
          ITEMID: "SUBCONTRACT",
          QUANTITY: String(amount / 100),
          UNIT: "Each",
          PRICE: "1.00",
          UIPRICE: "1.00",
          TOTAL: (amount / 100).toFixed(2),
          UIVALUE: (amount / 100).toFixed(2),
          PROJECTID: "",
          TASKID: "",
          WHENCREATED: stamp(long),
          WHENMODIFIED: stamp(long),
        });
        return entry.RECORDNO ?? "";
      });
      contracts.push({
        id: contractId,
        companyId: company.id,
        projectId: project.id,
        accountingCompanyId: vendor.id,
        number,
        title: `Contract ${number}`,
        startDate: new Date("2026-06-01T00:00:00Z"),
        status: "APPROVED",
        createdById: admin.id,
        submittedById: admin.id,
        decidedById: admin.id,
      });
      lineIds.forEach((id, line) =>
        lines.push({
          id,
          contractId,
          lineNo: line + 1,
          costCodeId: costCode.id,
          description: `Line ${line + 1}`,
          amountCents: BigInt(amounts[line]!),
        }),
      );
      records.push({
        companyId: company.id,
        itemType: "CONTRACT",
        itemId: contractId,
        state: "SYNCED",
        intacctKey: docId,
        intacctRecordNo: header.RECORDNO ?? "",
        intacctState: "Pending",
        intacctDetails: {
          lineKeys: Object.fromEntries(lineIds.map((id, line) => [id, entryKeys[line]])),
          documentNo: number,
          definition: "Purchase Order",
          how: "created",
          sent: {
            vendorId: VENDOR_ID,
            lines: lineIds.map((id, line) => ({ lineId: id, amountCents: amounts[line], costCode: null })),
          },
        },
        remoteModifiedAt: stamp(long),
        syncedAt,
      });
      docIds.push(docId);
    }
    for (let i = 0; i < contracts.length; i += 1000) {
      await db.contract.createMany({ data: contracts.slice(i, i + 1000) as never });
      await db.contractLine.createMany({ data: lines.slice(i * 2, (i + 1000) * 2) as never });
      await db.syncRecord.createMany({ data: records.slice(i, i + 1000) as never });
    }
    const seedMs = performance.now() - seedStarted;

    // ── (1) nothing changed since the last check (the first check also opens the session) ──
    await runStatusCheck(db, company.id);
    mock.clearRequests();
    const unchanged = await runStatusCheck(db, company.id);
    const requestsWhenUnchanged = mock.listRequests().requests.length;

    // ── (2) 50 documents changed by the accountant, then one check ──
    const changedIds = Array.from({ length: CHANGED }, (_, i) => docIds[Math.floor((i * DOCUMENTS) / CHANGED)]!);
    for (const docid of changedIds) mock.accountant({ action: "change", docid, line: 2, amount: "45000.00" });
    mock.clearRequests();
    const started = performance.now();
    const changed = await runStatusCheck(db, company.id);
    const oursMs = performance.now() - started;
    const requestsWhenChanged = mock.listRequests().requests.length;
    const drifted = await db.syncRecord.count({ where: { companyId: company.id, drift: "CHANGED" } });
    // The floor: the probe, then the reads of the changed documents (as many requests as the batching needs, two
    // in flight), each a full round trip; nothing else.
    // Per 100 documents: one query of their headers and one of their lines.
    const detailFunctions = 2 * Math.ceil(CHANGED / KEYS_PER_FUNCTION);
    const detailRequests = Math.ceil(detailFunctions / FUNCTIONS_PER_REQUEST);
    const floorMs = (1 + Math.ceil(detailRequests / CONCURRENCY)) * LATENCY_MS;

    // ── (3) the check after that, once the stamps have settled: nothing new ──
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await runStatusCheck(db, company.id);
    mock.clearRequests();
    const after = await runStatusCheck(db, company.id);
    const requestsAfter = mock.listRequests().requests.length;

    const figures = {
      documents: DOCUMENTS,
      changed: CHANGED,
      oursMs: Math.round(oursMs),
      floorMs,
      oursVsFloor: round(oursMs / floorMs),
      requestsWhenUnchanged,
      requestsWhenChanged,
      dbMs: changed.dbMs,
      drifted,
      found: changed.changed,
      unchangedMs: unchanged.durationMs,
      requestsAfterChanges: requestsAfter,
      afterChangesFound: after.changed,
      latencyMs: LATENCY_MS,
      concurrency: CONCURRENCY,
      seedMs: Math.round(seedMs),
    };
    const table: [string, string, string, string][] = [
      [
        "nothing changed",
        `${unchanged.durationMs} ms`,
        `${LATENCY_MS} ms`,
        `${requestsWhenUnchanged} request(s), ${unchanged.changed} changed`,
      ],
      [
        `${CHANGED} of ${DOCUMENTS.toLocaleString("en-US")} changed`,
        `${figures.oursMs} ms`,
        `${floorMs} ms`,
        `${requestsWhenChanged} requests, ×${figures.oursVsFloor} floor, database ${changed.dbMs} ms, ${drifted} drifted`,
      ],
      [
        "next check, nothing new",
        `${after.durationMs} ms`,
        `${LATENCY_MS} ms`,
        `${requestsAfter} request(s), ${after.changed} changed`,
      ],
    ];
    console.log(`bench:status — mock latency ${LATENCY_MS} ms, ${CONCURRENCY} requests in flight per company`);
    console.log(["case".padEnd(28), "time".padStart(10), "floor".padStart(10), "  notes"].join(""));
    for (const [label, time, floor, notes] of table)
      console.log([label.padEnd(28), time.padStart(10), floor.padStart(10), `  ${notes}`].join(""));
    console.log(JSON.stringify(figures));
  } finally {
    await db.$disconnect();
    await closeIntacctConnections();
    await mock.close();
    await dropDatabase(server.adminUrl, name).catch(() => {});
    await server.stop();
  }
}

await main();
