// The guard every test file runs under (tests/helpers/setup-one-query-at-a-time.ts): two queries at once on one
// connection are reported, one after another are not, and pg's own warning is reported too.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getContractLineBalances } from "@/lib/financials/contract-balances";
import { buildCompany, buildContract } from "../helpers/builders";
import {
  PG_CONCURRENT_QUERY_WARNING,
  reportPgWarning,
  takeConcurrentQueryReports,
} from "../helpers/concurrent-queries";
import { createTestDb, type TestDb } from "../helpers/test-db";

let testDb: TestDb;
let client: pg.Client;

beforeAll(async () => {
  testDb = await createTestDb();
  client = new pg.Client({ connectionString: testDb.url });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await testDb.drop();
});

describe("one query at a time on a connection", () => {
  it("reports a query sent while another runs on the same connection, naming both", async () => {
    await Promise.all([client.query("select pg_sleep(0.05) as slow"), client.query("select 2 as fast")]);
    const reports = takeConcurrentQueryReports();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain('"select 2 as fast" was sent while "select pg_sleep(0.05) as slow" was still running');
  });

  it("reports nothing for queries awaited one after another, nor for a pool's queries in parallel", async () => {
    await client.query("select 1");
    await client.query("select 2");
    const pool = new pg.Pool({ connectionString: testDb.url, max: 3 });
    await Promise.all([pool.query("select pg_sleep(0.02)"), pool.query("select 1"), pool.query("select 2")]);
    await pool.end();
    expect(takeConcurrentQueryReports()).toEqual([]);
  });

  // pg warns once per process, so the warning is handed to the listener rather than provoked (nor printed).
  it("reports pg's own warning, and no other warning", () => {
    expect(process.listeners("warning")).toContain(reportPgWarning);
    reportPgWarning(new Error("Some other deprecation"));
    reportPgWarning(new Error(`${PG_CONCURRENT_QUERY_WARNING} is deprecated`));
    expect(takeConcurrentQueryReports()).toEqual([`pg warned: ${PG_CONCURRENT_QUERY_WARNING} is deprecated`]);
  });

  it("contract line balances read inside a transaction run their queries one after another", async () => {
    const company = await buildCompany(testDb.db);
    const contract = await buildContract(testDb.db, company, { amounts: [60_000_00, 40_000_00] });
    const balances = await testDb.db.$transaction((tx) => getContractLineBalances(tx, company.pm, contract.id));
    expect(balances.map((b) => [b.revisedCents, b.billedCents])).toEqual([
      [60_000_00, 0],
      [40_000_00, 0],
    ]);
    expect(takeConcurrentQueryReports()).toEqual([]);
  });
});
