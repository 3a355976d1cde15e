/**
 * npm run bench:links — the reference cache on seed "large" (20,000 vendors, 2,000 projects, 500 standard tasks,
 * their tasks and cost types) with the mock Intacct at 150 ms latency:
 *
 *   (1) full refresh of every list (refreshReferences) vs the round-trip floor: 1 session request + the query pages
 *       the mock actually served, 2 in flight (the per-company concurrency), × latency;
 *   (2) vendors alone (10 pages of 2,000) vs their floor; (3) an incremental refresh with nothing changed;
 *   (4) picker search (searchReferences) on 20,000 vendors and 2,000 projects: p50 / p95 / max of 200 queries each.
 *
 * The mock runs in a child process so its CPU does not count against the refresh. Prints a table, then one JSON
 * object with every figure as the last line. Env: BENCH_LATENCY_MS (150).
 */
import { createDb } from "@/lib/db/client";
import type { ReferenceType } from "@/lib/generated/prisma/enums";
import { closeIntacctConnections, createIntacctClient, createMemorySessionCache } from "@/lib/intacct";
import { refreshReferences, searchReferences } from "@/lib/integrations/sage-intacct/references";
import { seedCompany } from "@/prisma/seed";
import { DEMO_CREDENTIALS } from "../tools/mock-intacct/index";
import { createFreshDatabase, dropDatabase } from "./lib/database";
import { startMockProcess } from "./lib/mock-process";
import { startEphemeralServer } from "./lib/ephemeral-db";

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 150);
const CONCURRENCY = 2;
const SEARCHES = 200;
const CREDENTIALS = DEMO_CREDENTIALS;

type MockLog = { total: number; counts: Record<string, number> };
async function readMockCounts(mockUrl: string): Promise<MockLog> {
  return (await (await fetch(`${mockUrl}/__mock/requests?limit=1`)).json()) as MockLog;
}
async function clearMockLog(mockUrl: string): Promise<void> {
  await fetch(`${mockUrl}/__mock/requests/clear`, { method: "POST" });
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main() {
  const server = await startEphemeralServer();
  const name = `ib_bench_links_${process.pid}`;
  const url = await createFreshDatabase(server.adminUrl, name);
  const db = createDb(url);
  const mock = await startMockProcess({ latencyMs: LATENCY_MS, seed: "large" });
  try {
    const company = await seedCompany(db, "Bench Construction", [
      { email: `bench-${process.pid}@bench.test`, name: "Bench", role: "ADMIN" },
    ]);
    const client = () =>
      createIntacctClient({ endpointUrl: mock.endpoint, ...CREDENTIALS, sessionCache: createMemorySessionCache() });

    // (1) Full refresh of every list, cold (new session, empty cache).
    await clearMockLog(mock.url);
    let started = performance.now();
    const full = await refreshReferences(db, company.id, { client: client(), full: true });
    const fullMs = performance.now() - started;
    const fullCounts = await readMockCounts(mock.url);
    const fullQueries = fullCounts.counts.query ?? 0;
    const fullFloorMs = (1 + Math.ceil(fullQueries / CONCURRENCY)) * LATENCY_MS;
    const records = full.reduce((sum, r) => sum + r.processed, 0);

    // (2) Vendors alone, again full.
    await clearMockLog(mock.url);
    started = performance.now();
    const [vendors] = await refreshReferences(db, company.id, { client: client(), types: ["VENDOR"], full: true });
    const vendorMs = performance.now() - started;
    const vendorQueries = (await readMockCounts(mock.url)).counts.query ?? 0;
    const vendorFloorMs = (1 + Math.ceil(vendorQueries / CONCURRENCY)) * LATENCY_MS;

    // (3) Incremental, nothing changed since: one query per list (records stamped in the mark's second come back).
    await clearMockLog(mock.url);
    started = performance.now();
    const incremental = await refreshReferences(db, company.id, { client: client() });
    const incrementalMs = performance.now() - started;
    const incrementalQueries = (await readMockCounts(mock.url)).counts.query ?? 0;

    // (4) Picker search: warm once, then varied queries (id prefixes, name words, two words, misses).
    const searchTimes = async (type: ReferenceType, queries: string[]) => {
      await searchReferences(db, company.id, type, queries[0] ?? "");
      const times: number[] = [];
      for (let i = 0; i < SEARCHES; i++) {
        const q = queries[i % queries.length] ?? "";
        const t0 = performance.now();
        await searchReferences(db, company.id, type, q, { limit: 20 });
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      return {
        p50: round(percentile(times, 50), 2),
        p95: round(percentile(times, 95), 2),
        max: round(times[times.length - 1] ?? 0, 2),
      };
    };
    const vendorQueriesList = [
      "VL-1",
      "VL-19999",
      "vendor",
      "apex",
      "large vendor 1234",
      "zzz-no-match",
      "",
      "v-10",
      "supply",
      "12345",
    ];
    const vendorSearch = await searchTimes(
      "VENDOR",
      vendorQueriesList.concat(Array.from({ length: 20 }, (_, i) => `VL-${String(i * 997 + 13).padStart(5, "0")}`)),
    );
    const projectSearch = await searchTimes("PROJECT", [
      "PL-0",
      "PL-1999",
      "project",
      "P-1001",
      "riverside",
      "no-such-project",
      "",
      "pl 12",
    ]);

    const cacheRows = await db.intacctReference.count({ where: { companyId: company.id } });
    const figures = {
      latencyMs: LATENCY_MS,
      concurrency: CONCURRENCY,
      fullRefresh: {
        ms: Math.round(fullMs),
        floorMs: fullFloorMs,
        ratioToFloor: round(fullMs / fullFloorMs, 2),
        queries: fullQueries,
        records,
        perType: Object.fromEntries(full.map((r) => [r.type, r.processed])),
      },
      vendorRefresh: {
        ms: Math.round(vendorMs),
        floorMs: vendorFloorMs,
        ratioToFloor: round(vendorMs / vendorFloorMs, 2),
        queries: vendorQueries,
        records: vendors?.processed ?? 0,
      },
      incrementalRefresh: {
        ms: Math.round(incrementalMs),
        queries: incrementalQueries,
        records: incremental.reduce((sum, r) => sum + r.processed, 0),
      },
      search: {
        vendors: { rows: full.find((r) => r.type === "VENDOR")?.processed ?? 0, ...vendorSearch },
        projects: { rows: full.find((r) => r.type === "PROJECT")?.processed ?? 0, ...projectSearch },
        queries: SEARCHES,
      },
      cacheRows,
    };

    const table: [string, string, string, string][] = [
      [
        "full refresh, all 10 lists",
        `${figures.fullRefresh.ms} ms`,
        `${fullFloorMs} ms`,
        `${records.toLocaleString("en-US")} records, ${fullQueries} queries, ×${figures.fullRefresh.ratioToFloor} floor`,
      ],
      [
        "vendors only (20,027)",
        `${figures.vendorRefresh.ms} ms`,
        `${vendorFloorMs} ms`,
        `${vendorQueries} queries, ×${figures.vendorRefresh.ratioToFloor} floor`,
      ],
      [
        "incremental, no changes",
        `${figures.incrementalRefresh.ms} ms`,
        "—",
        `${incrementalQueries} queries, ${figures.incrementalRefresh.records} records re-read`,
      ],
      [
        "search vendors p50/p95/max",
        `${vendorSearch.p50} ms`,
        "—",
        `p95 ${vendorSearch.p95} ms, max ${vendorSearch.max} ms over ${SEARCHES}`,
      ],
      [
        "search projects p50/p95/max",
        `${projectSearch.p50} ms`,
        "—",
        `p95 ${projectSearch.p95} ms, max ${projectSearch.max} ms over ${SEARCHES}`,
      ],
    ];
    console.log(`bench:links — seed large, mock latency ${LATENCY_MS} ms, ${CONCURRENCY} requests in flight`);
    console.log(["case".padEnd(30), "time".padStart(10), "floor".padStart(10), "  notes"].join(""));
    for (const [label, time, floor, notes] of table)
      console.log([label.padEnd(30), time.padStart(10), floor.padStart(10), `  ${notes}`].join(""));
    console.log(JSON.stringify(figures));
  } finally {
    await db.$disconnect();
    await closeIntacctConnections();
    mock.child.kill("SIGTERM");
    await dropDatabase(server.adminUrl, name).catch(() => {});
    await server.stop();
  }
}

await main();
